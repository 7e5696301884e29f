using CrisisSim.Core.Actors;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;
using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Engine;

/// <summary>Regression tests for the bugs of the project review, docs/sources.md §5.1.7 (issue 14, requirement 7).</summary>
public class ReviewBugTests
{
    [Test]
    public void WithReleasesEveryStalenessPeriodThePublicIsNeverUninformedBetweenThem()
    {
        // The built-in scenario releases every 12 h and a release keeps the public informed for 12 h: after the first
        // release rumour can only decay. It used to step up at the tick of each later release (178, 250, 322, 394).
        var scenario = Repo.BuiltIn();
        Assert.That(scenario.Communication.Broadcast.IntervalH, Is.EqualTo(scenario.Public.RumourStalenessH), "the case the test is about");
        var sim = new Simulation(scenario, 1);
        int firstRelease = (int)Math.Ceiling(scenario.Communication.Broadcast.FirstReleaseH * 60 / scenario.Time.TickMinutes);
        var rises = new List<string>();
        double previous = double.NaN;
        sim.Run(s =>
        {
            if (s.Tick > firstRelease + 1 && s.Rumour > previous + 1e-12)
            {
                rises.Add($"tick {s.Tick - 1}: {previous:0.#####} -> {s.Rumour:0.#####}");
            }

            previous = s.Rumour;
        });
        Assert.That(rises, Is.Empty);
    }

    [Test]
    public void ARescueUnitThatStandsDownForFireIsNotSentBackWhileTheZoneBurns()
    {
        // The unit stands down on the true fire; the dispatcher decides on beliefs. The unit now tells its node what it
        // saw, so the node does not send it straight back on an older, cooler belief. Reports are told truly here: a newer
        // but misstated report may send it back, as it should (seed 1: the fire brigade's report of the yards at 0.45 when
        // the fire was 0.66 reached the PLA through headquarters and sent a company back for one tick).
        string[] truthful = [.. Repo.BuiltIn().Actors.Select(a => $"actors.{a.Id}.report_error=0")];
        int standDowns = 0;
        var resent = new List<string>();
        for (ulong seed = 1; seed <= 5; seed++)
        {
            var sink = new ListSink();
            var sim = new Simulation(Repo.BuiltIn(truthful), seed, sink);
            var stoodDown = new HashSet<(int Unit, int Zone)>();
            int seen = 0;
            sim.Run(s =>
            {
                for (; seen < sink.Events.Count; seen++)
                {
                    var e = sink.Events[seen];
                    if (e.Need != (int)TaskKind.Rescue || s.Zones.Fire[e.Zone] < Core.Actors.WorkPhase.RescueImpossibleFromIntensity)
                    {
                        continue;
                    }

                    if (e.Kind == TraceKind.TaskFinished && stoodDown.Add((e.Unit, e.Zone)))
                    {
                        standDowns++;
                    }
                    else if (e.Kind == TraceKind.TaskClaimed && stoodDown.Contains((e.Unit, e.Zone)))
                    {
                        resent.Add($"seed {seed}, tick {e.Tick}: unit {e.Unit} back to {s.ZoneIds[e.Zone]}");
                    }
                }
            });
        }

        Assert.That(standDowns, Is.GreaterThan(0), "rescue units do meet fires too hot to search");
        Assert.That(resent, Is.Empty);
    }

    [Test]
    public void ANodeDoesNotReclaimANeedInTheTickItsOwnUnitFinishedIt()
    {
        // A unit that stops work in a zone (the need is done, or it stands down) radios its node what it sees there, so
        // the node does not send another unit to that (zone, task) in the same tick on an older belief. Counted: claims of
        // (node, zone, task) in the tick a unit of that node finished that (zone, task); a unit lost with its task (its
        // need is still there) is left out. Before the fix: 1,522 over these 5 seeds (1,472 supplies, 17 rescue, 12
        // shelter, 9 medical, 8 fire, 3 monitoring, 1 blood). What remains are supplies: a delivery team stops when its
        // shelter holds a day's kits (phase 5), the sheltered eat into them (phase 6), a unit there reports the new
        // deficit (phase 7) and the node sends a team on that fresh report (phase 9): a new need, not a stale belief.
        var (finished, reclaims) = CountSameTickReclaims(seeds: 5);
        var stale = reclaims.Where(r => !r.Fresh).Select(r => r.What).ToList();
        int fresh = reclaims.Count(r => r.Fresh);
        TestContext.Out.WriteLine($"finished tasks {finished}, same-tick re-claims {reclaims.Count}: on a belief older than the release {stale.Count}, on a report made after it {fresh} ({string.Join(", ", reclaims.GroupBy(r => r.Need).Select(g => $"{g.Key} {g.Count()}"))})");
        Assert.That(finished, Is.GreaterThan(1000), "units do finish tasks");
        Assert.That(stale, Is.Empty);
        // Medical need can come back within a tick too: rescue teams of actors after the medical one in unit order free
        // people, injured, later in the same work phase (a fresh report, never a stale belief).
        Assert.That(reclaims.Where(r => r.Need is not (TaskKind.Supplies or TaskKind.Medical)).Select(r => r.What), Is.Empty, "only a consumed supply or newly injured people can bring a need back within a tick");
    }

    /// <summary>
    /// Tasks finished by working units, and the same-tick re-claims of their (node, zone, task), over seeds
    /// 1..<paramref name="seeds"/> of the built-in scenario; a re-claim is fresh when the node's belief it acted on was
    /// reported in that tick with a positive value (the release itself radios what the unit then sees).
    /// </summary>
    internal static (int Finished, List<(string What, TaskKind Need, bool Fresh)> Reclaims) CountSameTickReclaims(int seeds, params string[] overrides)
    {
        int finished = 0;
        var reclaims = new List<(string, TaskKind, bool)>();
        for (ulong seed = 1; seed <= (ulong)seeds; seed++)
        {
            var sink = new ListSink();
            var sim = new Simulation(Repo.BuiltIn(overrides), seed, sink);
            var units = sim.State.Roster.Units;
            var nodes = sim.State.Nodes;
            int seen = 0;
            sim.Run(s =>
            {
                var released = new HashSet<(int Node, int Zone, int Need)>();
                int first = seen;
                for (; seen < sink.Events.Count; seen++)
                {
                    var e = sink.Events[seen];
                    if (e.Kind == TraceKind.TaskFinished && units.State[e.Unit] != Core.Actors.UnitState.Lost)
                    {
                        finished++;
                        released.Add((e.Node, e.Zone, e.Need));
                    }
                }

                for (int i = first; i < seen; i++)
                {
                    var e = sink.Events[i];
                    if (e.Kind == TraceKind.TaskClaimed && released.Contains((e.Node, e.Zone, e.Need)))
                    {
                        // Beliefs do not change after dispatch within a tick: what the node believes now is what it acted on.
                        int bi = nodes.BeliefIndex(e.Node, e.Zone, e.Need);
                        bool fresh = nodes.BeliefTick[bi] == e.Tick && nodes.BeliefValue[bi] > 0;
                        reclaims.Add(($"seed {seed}, tick {e.Tick}: node {e.Node} re-claims {(TaskKind)e.Need} in {s.ZoneIds[e.Zone]}", (TaskKind)e.Need, fresh));
                    }
                }
            });
        }

        return (finished, reclaims);
    }

    [TestCase("governance.mode=single-government")]
    [TestCase("governance.mode=co-governance", "governance.communication=platform")]
    [TestCase("governance.mode=co-governance", "governance.communication=platform", "actors.blue_sky_rescue.commitment_kept=0.5", "actors.spontaneous_volunteers.commitment_kept=0.3")]
    public void ANodesOwnClaimsAreItsCommittedUnitsAtEveryTick(params string[] arm)
    {
        // Own claims are +1 at each commitment and -1 at each release (no clamp at 0): at the end of every tick they
        // equal the node's units travelling to or working on each (zone, task), so they can never be negative.
        for (ulong seed = 1; seed <= 3; seed++)
        {
            var sim = new Simulation(Repo.BuiltIn(arm), seed);
            var state = sim.State;
            var units = state.Roster.Units;
            var committed = new float[state.Nodes.Count * state.ZoneCount * Nodes.NeedCount];
            int mismatches = 0, checkedClaims = 0;
            sim.Run(s =>
            {
                Array.Clear(committed);
                for (int u = 0; u < state.Roster.Count; u++)
                {
                    if (units.State[u] is Core.Actors.UnitState.Travelling or Core.Actors.UnitState.Working)
                    {
                        committed[state.Nodes.BeliefIndex(units.Owner[u], units.Target[u], (int)units.Task[u])]++;
                    }
                }

                for (int n = Nodes.FirstActor; n < state.Nodes.ActorEnd; n++)
                {
                    for (int z = 0; z < state.ZoneCount; z++)
                    {
                        for (int t = 0; t < Nodes.NeedCount; t++)
                        {
                            float own = state.Nodes.ClaimUnits[state.Nodes.ClaimIndex(n, n, z, t)];
                            checkedClaims += own > 0 ? 1 : 0;
                            mismatches += own == committed[state.Nodes.BeliefIndex(n, z, t)] ? 0 : 1;
                        }
                    }
                }
            });
            Assert.That(checkedClaims, Is.GreaterThan(0), "units are committed");
            Assert.That(mismatches, Is.Zero, $"seed {seed}");
        }
    }

    [TestCase(1UL)]
    [TestCase(2UL)]
    [TestCase(3UL)]
    public void ARescueTeamOnThePlatformFollowsTheFireItDecidesOn(ulong seed)
    {
        // Blue Sky only rescues, but its dispatcher discounts a zone by the fire it believes there. It used to follow only
        // the rescue topic on the platform: once its teams had found the port yards burning (about 10 h, when the command
        // authorised them at once), it kept that picture of the fire and stayed away from the yards for the rest of the run.
        var sim = new Simulation(Repo.BuiltIn("population.scale_mode=demand", "population.scale=2", "governance.mode=co-governance",
            "governance.communication=platform", "governance.legal.authorisation_delay_h=0"), seed);
        int blueSky = Array.IndexOf(sim.Nodes.Ids, "blue_sky_rescue");
        int yards = Array.IndexOf(sim.State.ZoneIds, "port_yards");
        int fire = (int)TaskKind.Fire;
        double hottestBelief = 0;
        int lastUpdate = -1;
        sim.Run(s =>
        {
            int bi = s.Nodes.BeliefIndex(blueSky, yards, fire);
            hottestBelief = Math.Max(hottestBelief, s.Nodes.BeliefValue[bi]);
            lastUpdate = s.Nodes.BeliefTick[bi];
        });
        int bi = sim.Nodes.BeliefIndex(blueSky, yards, fire);
        double ticksPerHour = 60.0 / sim.State.Parameters.Time.TickMinutes;
        Assert.Multiple(() =>
        {
            Assert.That(hottestBelief, Is.GreaterThanOrEqualTo(Core.Actors.WorkPhase.RescueImpossibleFromIntensity), "Blue Sky once believed the yards too hot to search");
            Assert.That(lastUpdate / ticksPerHour, Is.GreaterThan(48), "its picture of the yards' fire is still refreshed late in the run");
            Assert.That(sim.Nodes.BeliefValue[bi], Is.LessThan(Core.Actors.WorkPhase.RescueImpossibleFromIntensity), "and at the end it knows the yards can be searched");
        });
    }

    [Test]
    public void HeadquartersPassesDownTheChainWhatATeamDecidesOn()
    {
        // The same fault as on the platform, off it: headquarters passed a node only the needs its tasks act on, so the
        // PLA's chemical-defence companies (monitor and rescue; they discount a zone by its fire) and Blue Sky never heard
        // from it that a fire had gone out. What it passes down now matches what a platform reader follows.
        var sim = new Simulation(Repo.BuiltIn(), 1);
        var messenger = (Core.Communication.Messenger)sim.State.Communication;
        var nodes = sim.Nodes;
        int pla = Array.IndexOf(nodes.Ids, "pla_chemical_defence");
        int fireBrigade = Array.IndexOf(nodes.Ids, "fire");
        int yards = Array.IndexOf(sim.State.ZoneIds, "port_yards");
        bool Passes(int n, int need)
        {
            var m = messenger.NewMessage(Core.Communication.MessageKind.NeedReport, Core.Communication.Channel.Hierarchy,
                Core.Communication.Direction.Up, Nodes.Headquarters, yards, need, 3);
            return messenger.Concerns(n, in m);
        }

        var wrong = new List<string>();
        for (int n = Nodes.FirstActor; n < nodes.ActorEnd; n++)
        {
            for (int need = 0; need < Nodes.NeedCount; need++)
            {
                bool expected = n == nodes.Broadcaster || (TaskTraits.DecisionNeeds(nodes.TaskMask[n]) & (1 << need)) != 0;
                if (Passes(n, need) != expected)
                {
                    wrong.Add($"{nodes.Ids[n]}: {(TaskKind)need}");
                }
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(Passes(pla, (int)TaskKind.Fire), Is.True, "the PLA's rescue companies hear of the fire");
            Assert.That(Passes(fireBrigade, (int)TaskKind.Medical), Is.False, "the fire brigade does not hear of the wounded");
            Assert.That(wrong, Is.Empty, "what headquarters passes down is what each node decides on");
        });
    }
}
