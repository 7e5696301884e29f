using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Command;

/// <summary>
/// With the command's new mechanisms off (no planning, no command post, no requisition, the Red Cross and the volunteer
/// hub back in the organisation sector), a run is byte-for-byte the run of the code before they existed: the
/// fingerprints below were recorded at main's commit 4742d13, before any of them was written.
/// </summary>
public class PlanningOffTests
{
    /// <summary>The settings that switch every mechanism of the command off.</summary>
    public static readonly string[] Off =
    [
        "command.planning=false",
        "command.post_opens_h=100000",
        "command.requisition_below_kits=0",
        "actors.red_cross.sector=organisation",
        "actors.volunteer_hub.sector=organisation",
    ];

    /// <summary>Arm, seed and fingerprint (SHA-256 of every tick record, trace event and run metric) at 4742d13.</summary>
    private static readonly (string[] Arm, ulong Seed, string Fingerprint)[] s_reference =
    [
        (["governance.mode=single-government"], 3, "0CD18C4D084147C71E5A556403AD5D1BE1E49B3E96281C33EE4806151923ED58"),
        (["governance.mode=co-governance", "governance.communication=platform"], 5, "C6990185BD410360063C147CCA70CEC48951A13C4A0A1B6C978D90B96FF5A36A"),
        (["governance.mode=co-governance", "governance.communication=hierarchical"], 7, "3D96BABCED3EF44FDCC8F7E5CCDCE5A41BCF9D6783EB4437B58DBC3D66FC6814"),
        (["governance.mode=single-government", "communication.platform.members=government", "time.tick_minutes=5"], 9, "119258D29F6C3D99051FD45CA7F596F3B806D7862194CFFA03E3F9868638AC8E"),
    ];

    [Test]
    public void WithEveryNewMechanismOffARunIsTheRunOfTheOldCode()
    {
        Assert.Multiple(() =>
        {
            foreach (var (arm, seed, fingerprint) in s_reference)
            {
                Assert.That(Fingerprint([.. arm, .. Off], seed), Is.EqualTo(fingerprint), string.Join(" ", arm));
            }
        });
    }

    /// <summary>SHA-256 of a traced run's tick records, trace events and run metrics (those that existed at 4742d13).</summary>
    public static string Fingerprint(string[] overrides, ulong seed)
    {
        var sink = new ListSink();
        var sim = new Simulation(Repo.BuiltIn(overrides), seed, sink);
        var text = new StringBuilder();
        var metrics = sim.Run(s =>
        {
            foreach (var (name, value) in TickRecord.Columns)
            {
                text.Append(name).Append('=').Append(value(s.Current).ToString("R", CultureInfo.InvariantCulture)).Append(';');
            }

            text.Append('\n');
        });
        foreach (var e in sink.Events)
        {
            text.Append(e.ToString()).Append('\n');
        }

        foreach (var (name, value) in RunMetrics.Columns)
        {
            if (!s_newMetrics.Contains(name))
            {
                text.Append(name).Append('=').Append(value(metrics).ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static readonly HashSet<string> s_newMetrics = ["kits_requisitioned"];
}
