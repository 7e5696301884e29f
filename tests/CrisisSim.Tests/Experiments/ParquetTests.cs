using System.Globalization;
using CrisisSim.Tests.Support;
using Parquet;
using Parquet.Schema;

namespace CrisisSim.Tests.Experiments;

public class ParquetTests
{
    [Test]
    public async Task FormatParquetWritesTheSameTablesWithTypedColumns()
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp["e.yaml"], """
            name: pq
            master_seed: 8
            replicates: 3
            fixed: {time.horizon_h: 6, population.scale: 0.1}
            design:
              kind: factorial
              factors:
                governance.trust: [0.2, 0.9]
                actors.red_cross.units: [2, 3]
                governance.communication: [hierarchical, platform]
            """);
        var r = CliRunner.Run("sweep", tmp["e.yaml"], "--out", tmp["o"], "--format", "parquet", "--ticks-every", "6");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);

        var csv = File.ReadAllLines(tmp["o/runs.csv"]);
        var header = csv[0].Split(',');
        var rows = csv.Skip(1).Select(l => l.Split(',')).ToArray();
        string[] Column(string name) => [.. rows.Select(row => row[Array.IndexOf(header, name)])];
        await using (var reader = await ParquetReader.CreateAsync(tmp["o/runs.parquet"]))
        {
            var fields = reader.Schema.GetDataFields();
            DataField Field(string name) => fields.Single(f => f.Name == name);
            Assert.That(fields.Select(f => f.Name), Is.EqualTo(header));
            using (Assert.EnterMultipleScope())
            {
                Assert.That(Field("run_id").ClrType, Is.EqualTo(typeof(long)));
                Assert.That(Field("seed").ClrType, Is.EqualTo(typeof(long)), "a sweep's seeds are below 2^63: int64 holds them exactly (R arrow reads uint64 as a double)");
                Assert.That(Field("seed_hex").ClrType, Is.AnyOf(typeof(string), typeof(ReadOnlyMemory<char>)));
                Assert.That(Field("deaths_civilian").ClrType, Is.EqualTo(typeof(long)), "a count is an integer");
                Assert.That(Field("deaths_civilian").IsNullable, Is.True, "empty for a failed run");
                Assert.That(Field("relief_reached").ClrType, Is.EqualTo(typeof(long)), "a 0/1 flag is an integer");
                Assert.That(Field("info_latency_mean_h").ClrType, Is.EqualTo(typeof(double)));
                Assert.That(Field("governance.trust").ClrType, Is.EqualTo(typeof(double)), "a factor of numbers is a number");
                Assert.That(Field("actors.red_cross.units").ClrType, Is.EqualTo(typeof(long)), "a factor of whole numbers is an integer, as pandas reads the CSV");
                Assert.That(Field("governance.communication").ClrType, Is.AnyOf(typeof(string), typeof(ReadOnlyMemory<char>)), "a factor of words is text");
            }

            using var group = reader.OpenRowGroupReader(0);
            Assert.That(group.RowCount, Is.EqualTo(rows.Length));
            var ids = new long[group.RowCount];
            await group.ReadAsync<long>(Field("run_id"), ids.AsMemory());
            Assert.That(ids, Is.EqualTo(Enumerable.Range(0, rows.Length).Select(i => (long)i)));
            var seeds = new long[group.RowCount];
            await group.ReadAsync<long>(Field("seed"), seeds.AsMemory());
            Assert.That(seeds.Select(v => v.ToString(CultureInfo.InvariantCulture)), Is.EqualTo(Column("seed")), "every seed exactly");
            var deaths = new long?[group.RowCount];
            await group.ReadAsync<long>(Field("deaths_civilian"), deaths.AsMemory());
            Assert.That(deaths, Is.EqualTo(Column("deaths_civilian").Select(c => (long?)long.Parse(c, CultureInfo.InvariantCulture))));
            var trust = new double?[group.RowCount];
            await group.ReadAsync<double>(Field("governance.trust"), trust.AsMemory());
            Assert.That(trust, Is.EqualTo(Column("governance.trust").Select(c => (double?)double.Parse(c, CultureInfo.InvariantCulture))));

            // Six hours: headquarters never learns the chemicals, an empty cell in runs.csv and a null (missing) in Parquet,
            // with its 0/1 companion 0.
            var known = new double?[group.RowCount];
            await group.ReadAsync<double>(Field("hazard_known_h"), known.AsMemory());
            Assert.That(Column("hazard_known_h"), Is.All.Empty);
            Assert.That(known, Is.All.Null);
            var flag = new long?[group.RowCount];
            await group.ReadAsync<long>(Field("hazard_known"), flag.AsMemory());
            Assert.That(flag, Is.All.EqualTo(0));
        }

        await using (var ticks = await ParquetReader.CreateAsync(tmp["o/ticks.parquet"]))
        {
            long tickRows = 0;
            for (int g = 0; g < ticks.RowGroupCount; g++)
            {
                using var group = ticks.OpenRowGroupReader(g);
                tickRows += group.RowCount;
            }

            Assert.That(ticks.Schema.GetDataFields().Single(f => f.Name == "trapped").ClrType, Is.EqualTo(typeof(long)), "a count series is an integer");
            Assert.That(ticks.Schema.GetDataFields().Single(f => f.Name == "rumour").ClrType, Is.EqualTo(typeof(double)));
            Assert.That(tickRows, Is.EqualTo(File.ReadAllLines(tmp["o/ticks.csv"]).Length - 1));
        }
    }
}
