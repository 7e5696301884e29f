using CrisisSim.Cli.Output;
using CrisisSim.Core.Communication;
using CsvHelper;

namespace CrisisSim.Cli.View;

/// <summary>Messages of one channel from one node to another in one tick (events.csv's message_sent rows, counted).</summary>
internal sealed record MessageFlow(int Tick, int From, int To, int Channel, int Count);

/// <summary>
/// events.csv summed per tick: the messages sent from node to node by channel (a call comes from the public, a post goes
/// to the platform, a broadcast to the public: two nodes after the run's own, <see cref="Public"/> and <see cref="Platform"/>),
/// and per tick how many were lost, read by headquarters, read but distrusted, and how many orders headquarters issued.
/// </summary>
internal sealed class TracedMessages
{
    /// <summary>Channel names as events.csv writes them, in the order <see cref="MessageFlow.Channel"/> indexes.</summary>
    public static readonly string[] Channels = [.. Enum.GetNames<Channel>().Select(n => n.ToLowerInvariant())];

    /// <summary>The per-tick counts, by name, as the page shows them.</summary>
    public static readonly string[] Counts = ["sent", "posts", "lost", "read_by_hq", "distrusted", "orders"];

    private TracedMessages(int nodes, int ticks)
    {
        Public = nodes;
        Platform = nodes + 1;
        PerTick = Counts.ToDictionary(c => c, _ => new int[ticks], StringComparer.Ordinal);
    }

    /// <summary>Index of the public as a sender (calls) and receiver (broadcasts).</summary>
    public int Public { get; }

    /// <summary>Index of the platform as the receiver of posts.</summary>
    public int Platform { get; }

    /// <summary>Messages sent per tick, sender, receiver and channel, in tick order.</summary>
    public List<MessageFlow> Flows { get; } = [];

    /// <summary>Per tick: messages sent (every channel), platform posts, lost, read by headquarters, distrusted, orders issued.</summary>
    public Dictionary<string, int[]> PerTick { get; }

    /// <summary>Reads <paramref name="path"/> (events.csv) record by record, counting; nodes by <paramref name="nodes"/>.</summary>
    public static TracedMessages Read(string path, Dictionary<string, int> nodes, int ticks)
    {
        var m = new TracedMessages(nodes.Count, ticks);
        BoundedFile.RequireRegular(path);
        using var csv = CsvReader.FromFile(path, null, FileOptions.SequentialScan);
        string[] header = [.. csv.Headers];
        int Col(string name) => Array.IndexOf(header, name) is >= 0 and var i ? i : throw new CliException($"{path}: no column {name}; expected the header of crisissim run --trace's {FileNames.Events}");
        int tickCol = Col("tick"), eventCol = Col("event"), actorCol = Col("actor"), toCol = Col("counterpart"), channelCol = Col("channel");
        var flows = new SortedDictionary<(int Tick, int From, int To, int Channel), int>();
        int row = 0;
        while (csv.Read())
        {
            int tick = TracedRun.Tick(csv.GetString(tickCol), path, row++, ticks);
            string kind = csv.GetString(eventCol);
            string actor = CsvTable.Unescape(csv.GetString(actorCol));
            m.Count(kind, tick, actor, csv.GetString(channelCol));
            if (kind == "message_sent")
            {
                int channel = Array.IndexOf(Channels, csv.GetString(channelCol));
                if (channel < 0)
                {
                    throw new CliException($"{path}:{row + 1}: channel '{csv.GetString(channelCol)}' is not one of {string.Join(", ", Channels)}");
                }

                int from = channel == (int)Channel.Call ? m.Public : nodes.GetValueOrDefault(actor, m.Public);
                string to = CsvTable.Unescape(csv.GetString(toCol));
                int receiver = (Channel)channel switch { Channel.Platform => m.Platform, Channel.Broadcast => m.Public, _ => nodes.GetValueOrDefault(to, m.Public) };
                var key = (tick, from, receiver, channel);
                flows[key] = flows.GetValueOrDefault(key) + 1;
            }
        }

        m.Flows.AddRange(flows.Select(f => new MessageFlow(f.Key.Tick, f.Key.From, f.Key.To, f.Key.Channel, f.Value)));
        return m;
    }

    private void Count(string kind, int tick, string actor, string channel)
    {
        string? count = kind switch
        {
            "message_sent" => "sent",
            "message_lost" => "lost",
            "message_read" when actor == "headquarters" => "read_by_hq",
            "message_distrusted" => "distrusted",
            "order_issued" or "release_issued" => "orders",
            _ => null,
        };
        if (count is not null)
        {
            PerTick[count][tick]++;
        }

        if (kind == "message_sent" && channel == "platform")
        {
            PerTick["posts"][tick]++;
        }
    }
}
