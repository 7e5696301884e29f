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
            """);
        var r = CliRunner.Run("sweep", tmp["e.yaml"], "--out", tmp["o"], "--format", "parquet", "--ticks-every", "6");
        Assert.That(r.ExitCode, Is.Zero, r.Stderr);

        var csv = File.ReadAllLines(tmp["o/runs.csv"]);
        var header = csv[0].Split(',');
        await using (var reader = await ParquetReader.CreateAsync(tmp["o/runs.parquet"]))
        {
            var fields = reader.Schema.GetDataFields();
            Assert.That(fields.Select(f => f.Name), Is.EqualTo(header));
            Assert.That(fields.Single(f => f.Name == "run_id").ClrType, Is.EqualTo(typeof(long)));
            Assert.That(fields.Single(f => f.Name == "deaths_civilian").ClrType, Is.EqualTo(typeof(double)));
            Assert.That(fields.Single(f => f.Name == "governance.trust").ClrType, Is.AnyOf(typeof(string), typeof(ReadOnlyMemory<char>)), "factor values are text");
            using var group = reader.OpenRowGroupReader(0);
            Assert.That(group.RowCount, Is.EqualTo(csv.Length - 1));
            var ids = new long[group.RowCount];
            await group.ReadAsync<long>((DataField)fields.Single(f => f.Name == "run_id"), ids.AsMemory());
            Assert.That(ids, Is.EqualTo(Enumerable.Range(0, csv.Length - 1).Select(i => (long)i)));
            var deaths = new double?[group.RowCount];
            await group.ReadAsync<double>((DataField)fields.Single(f => f.Name == "deaths_civilian"), deaths.AsMemory());
            int col = Array.IndexOf(header, "deaths_civilian");
            Assert.That(deaths, Is.EqualTo(csv.Skip(1).Select(l => (double?)double.Parse(l.Split(',')[col], CultureInfo.InvariantCulture))));

            // Six hours: headquarters never learns the chemicals, an empty cell in runs.csv and a null (missing) in Parquet.
            var known = new double?[group.RowCount];
            await group.ReadAsync<double>((DataField)fields.Single(f => f.Name == "hazard_known_h"), known.AsMemory());
            int knownCol = Array.IndexOf(header, "hazard_known_h");
            Assert.That(csv.Skip(1).Select(l => l.Split(',')[knownCol]), Is.All.Empty);
            Assert.That(known, Is.All.Null);
        }

        await using (var ticks = await ParquetReader.CreateAsync(tmp["o/ticks.parquet"]))
        {
            long rows = 0;
            for (int g = 0; g < ticks.RowGroupCount; g++)
            {
                using var group = ticks.OpenRowGroupReader(g);
                rows += group.RowCount;
            }

            Assert.That(rows, Is.EqualTo(File.ReadAllLines(tmp["o/ticks.csv"]).Length - 1));
        }
    }
}
