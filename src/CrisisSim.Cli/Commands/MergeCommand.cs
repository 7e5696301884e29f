using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CrisisSim.Cli.Output;

namespace CrisisSim.Cli.Commands;

/// <summary>
/// <c>crisissim merge DIR... --out OUT</c>: joins the shards of a sweep (run with --shard I/N, e.g. as a
/// Slurm job array) into the files one machine would have written, byte for byte. Refuses shards of
/// different experiments (design hash), missing or duplicated shards, and unfinished shards, naming them.
/// </summary>
public static class MergeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var dirs = new Argument<string[]>("dirs") { Description = "Shard folders, or folders that contain shard folders", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string>("--out") { Description = "Folder for the merged sweep", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace an existing non-empty output folder" };
        var command = new Command("merge", "Merge the shards of a sweep into one runs.csv (and ticks.csv), identical to a single-machine sweep") { dirs, outDir, force };
        command.SetAction(parse => Execute(parse.GetValue(dirs) ?? [], parse.GetValue(outDir)!, parse.GetValue(force)));
        return command;
    }

    private static readonly System.Text.Json.JsonSerializerOptions s_indented = new() { WriteIndented = true };

    private sealed record Shard(string Dir, JsonObject Manifest, int Index, int Count, string DesignHash);

    private static int Execute(string[] dirs, string outDir, bool force)
    {
        var shards = FindShards(dirs);
        var first = shards[0];
        foreach (var s in shards)
        {
            if (s.DesignHash != first.DesignHash)
            {
                throw new CliException($"{s.Dir}: belongs to another experiment (design hash {s.DesignHash}, experiment '{s.Manifest["experiment_name"]}') than {first.Dir} (design hash {first.DesignHash}, experiment '{first.Manifest["experiment_name"]}')");
            }

            if (s.Count != first.Count)
            {
                throw new CliException($"{s.Dir}: is shard {s.Index}/{s.Count}, but {first.Dir} is shard {first.Index}/{first.Count}; all shards must split the sweep the same way");
            }

            if (Ticks(s) != Ticks(first))
            {
                throw new CliException($"{s.Dir}: was run with --ticks-every {Ticks(s)}, but {first.Dir} with {Ticks(first)}");
            }
        }

        var duplicates = shards.GroupBy(s => s.Index).Where(g => g.Count() > 1).ToList();
        if (duplicates.Count > 0)
        {
            var g = duplicates[0];
            throw new CliException($"shard {g.Key}/{first.Count} is given more than once: {string.Join(", ", g.Select(s => s.Dir))}");
        }

        var missing = Enumerable.Range(0, first.Count).Where(i => shards.All(s => s.Index != i)).ToList();
        if (missing.Count > 0)
        {
            throw new CliException($"missing shard(s) {string.Join(", ", missing.Select(i => $"{i}/{first.Count}"))} of experiment '{first.Manifest["experiment_name"]}' (have {string.Join(", ", shards.OrderBy(s => s.Index).Select(s => s.Index))})");
        }

        foreach (var s in shards)
        {
            if (!File.Exists(Path.Combine(s.Dir, "runs.csv")))
            {
                throw new CliException($"{s.Dir}: shard {s.Index}/{s.Count} is not finished (no runs.csv); finish it with: crisissim sweep {s.Manifest["experiment"]} --out {s.Dir} --shard {s.Index}/{s.Count} --resume");
            }
        }

        var ordered = shards.OrderBy(s => s.Index).ToArray();
        long runs = first.Manifest["runs"]!.GetValue<long>();
        using var folder = OutputFolder.Begin(outDir, force);
        MergeRuns(ordered, runs, folder.File("runs.csv"));
        if (Ticks(first) > 0)
        {
            MergeTicks(ordered, runs, folder.File("ticks.csv"));
        }

        var manifest = (JsonObject)first.Manifest.DeepClone();
        manifest.Remove("shard_index");
        manifest.Remove("shard_runs");
        manifest["shard_count"] = 1;
        manifest["merged_from"] = new JsonArray([.. ordered.Select(s => JsonValue.Create(s.Dir))]);
        manifest["complete"] = true;
        manifest["merged_utc"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        File.WriteAllText(folder.File("sweep.json"), manifest.ToJsonString(s_indented) + "\n");
        folder.Commit();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"merged {ordered.Length} shards, {runs} runs, into {folder.Target}"));
        return ExitCodes.Success;
    }

    private static int Ticks(Shard s) => s.Manifest["ticks_every"]?.GetValue<int>() ?? 0;

    private static List<Shard> FindShards(string[] dirs)
    {
        var found = new List<Shard>();
        foreach (string d in dirs)
        {
            if (!Directory.Exists(d))
            {
                throw new CliException($"{d}: no such folder");
            }

            var candidates = File.Exists(Path.Combine(d, "sweep.json"))
                ? [d]
                : Directory.GetDirectories(d).Where(c => File.Exists(Path.Combine(c, "sweep.json"))).Order(StringComparer.Ordinal).ToArray();
            if (candidates.Length == 0)
            {
                throw new CliException($"{d}: neither a shard folder (no sweep.json) nor a folder of shard folders");
            }

            foreach (string c in candidates)
            {
                JsonObject m;
                try
                {
                    m = JsonNode.Parse(File.ReadAllText(Path.Combine(c, "sweep.json")))!.AsObject();
                }
                catch (System.Text.Json.JsonException ex)
                {
                    throw new CliException($"{c}/sweep.json: not a valid sweep manifest ({ex.Message})");
                }

                found.Add(new Shard(Path.GetFullPath(c), m, m["shard_index"]?.GetValue<int>() ?? 0, m["shard_count"]?.GetValue<int>() ?? 1, m["design_hash"]?.GetValue<string>() ?? ""));
            }
        }

        return found;
    }

    /// <summary>Interleaves the shards' rows back into run_id order (shard i holds run_ids i, i+N, i+2N, …), checking every id.</summary>
    private static void MergeRuns(Shard[] shards, long runs, string outPath)
    {
        var readers = shards.Select(s => new StreamReader(Path.Combine(s.Dir, "runs.csv"), new UTF8Encoding(false))).ToArray();
        try
        {
            string header = ReadRecord(readers[0]) ?? throw new CliException($"{shards[0].Dir}/runs.csv: empty");
            for (int i = 1; i < readers.Length; i++)
            {
                if (ReadRecord(readers[i]) != header)
                {
                    throw new CliException($"{shards[i].Dir}/runs.csv: its header differs from {shards[0].Dir}/runs.csv");
                }
            }

            using var w = new StreamWriter(outPath, false, new UTF8Encoding(false));
            w.Write(header);
            w.Write("\r\n");
            for (long r = 0; r < runs; r++)
            {
                int s = (int)(r % shards.Length);
                string line = ReadRecord(readers[s]) ?? throw new CliException($"{shards[s].Dir}/runs.csv: run {r} is missing (the shard ends early)");
                if (RunId(line) != r)
                {
                    throw new CliException($"{shards[s].Dir}/runs.csv: expected run {r} but found run {RunId(line)}");
                }

                w.Write(line);
                w.Write("\r\n");
            }

            for (int i = 0; i < readers.Length; i++)
            {
                if (ReadRecord(readers[i]) is { } extra)
                {
                    throw new CliException($"{shards[i].Dir}/runs.csv: has a run beyond the sweep (run {RunId(extra)})");
                }
            }
        }
        finally
        {
            foreach (var r in readers)
            {
                r.Dispose();
            }
        }
    }

    private static void MergeTicks(Shard[] shards, long runs, string outPath)
    {
        var readers = shards.Select(s => new StreamReader(Path.Combine(s.Dir, "ticks.csv"), new UTF8Encoding(false))).ToArray();
        var peeked = new string?[readers.Length];
        try
        {
            string header = ReadRecord(readers[0]) ?? "";
            for (int i = 1; i < readers.Length; i++)
            {
                ReadRecord(readers[i]);
            }

            for (int i = 0; i < readers.Length; i++)
            {
                peeked[i] = ReadRecord(readers[i]);
            }

            using var w = new StreamWriter(outPath, false, new UTF8Encoding(false));
            w.Write(header);
            w.Write("\r\n");
            for (long r = 0; r < runs; r++)
            {
                int s = (int)(r % shards.Length);
                while (peeked[s] is { } line && RunId(line) == r)
                {
                    w.Write(line);
                    w.Write("\r\n");
                    peeked[s] = ReadRecord(readers[s]);
                }
            }
        }
        finally
        {
            foreach (var r in readers)
            {
                r.Dispose();
            }
        }
    }

    /// <summary>
    /// Reads one CSV record verbatim, up to the CRLF that ends it outside quotes (a quoted cell may hold line
    /// breaks), without the final CRLF; null at the end of the file.
    /// </summary>
    private static string? ReadRecord(StreamReader reader)
    {
        var sb = new StringBuilder();
        bool quoted = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '\r' && !quoted && reader.Peek() == '\n')
            {
                reader.Read();
                return sb.ToString();
            }

            sb.Append((char)c);
        }

        return sb.Length > 0 ? sb.ToString() : null;
    }

    private static long RunId(string line)
    {
        int comma = line.IndexOf(',', StringComparison.Ordinal);
        return comma > 0 && long.TryParse(line.AsSpan(0, comma), NumberStyles.None, CultureInfo.InvariantCulture, out long id) ? id : -1;
    }
}
