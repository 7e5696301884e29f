using System.Globalization;
using CrisisSim.Core.Actors;
using CrisisSim.Core.Engine;
using CrisisSim.Core.Metrics;
using CrisisSim.Core.Population;

namespace CrisisSim.Tests.Robustness;

/// <summary>Thrown when a simulation breaks one of the laws checked by <see cref="SimulationInvariants"/>.</summary>
public sealed class InvariantViolationException : Exception
{
    /// <summary>Creates the exception with the broken law and where it broke.</summary>
    public InvariantViolationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public InvariantViolationException()
    {
    }

    /// <summary>Creates the exception wrapping another.</summary>
    public InvariantViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The conservation and sanity laws of tests/CrisisSim.Tests/Engine/InvariantTests.cs, as a reusable
/// per-tick checker for generated and fuzzed scenarios. It throws (rather than asserting) so a failure
/// can be reported by FsCheck or the fuzzer together with the input that caused it; the checks avoid
/// allocating unless they fail, so a large population can be checked every tick.
/// </summary>
public sealed class SimulationInvariants
{
    private readonly Simulation _sim;
    private readonly bool[] _wasDead;
    private int _deadBefore;
    private int _respondersBefore;
    private long _messagesBefore;

    /// <summary>Starts watching <paramref name="sim"/> (before its first step).</summary>
    public SimulationInvariants(Simulation sim)
    {
        _sim = sim;
        _wasDead = new bool[sim.People.Count];
    }

    /// <summary>Steps <paramref name="sim"/> to its horizon, checking every tick, then checks the final metrics.</summary>
    public static RunMetrics RunChecked(Simulation sim)
    {
        var checker = new SimulationInvariants(sim);
        while (!sim.Done)
        {
            sim.Step();
            checker.CheckTick();
        }

        var metrics = sim.Finish();
        CheckMetrics(metrics);
        return metrics;
    }

    /// <summary>Checks the state after the tick just simulated.</summary>
    public void CheckTick()
    {
        var sim = _sim;
        int tick = sim.Tick - 1;
        var people = sim.People;

        long total = 0;
        foreach (PersonState state in Enum.GetValues<PersonState>())
        {
            int n = people.Total(state);
            Require(n >= 0, tick, () => $"negative count of {state} people: {n}");
            total += n;
        }

        Require(total == people.Count, tick, () => $"people are not conserved: states add up to {total}, population is {people.Count}");

        var r = sim.Current;
        long recorded = (long)r.Unaffected + r.Displaced + r.Injured + r.Trapped + r.Sheltered + r.Treated + r.Dead;
        Require(recorded == people.Count, tick, () => $"the tick record adds up to {recorded}, population is {people.Count}");
        Require(r.Dead == people.Total(PersonState.Dead), tick, () => $"the tick record has {r.Dead} dead, the residents {people.Total(PersonState.Dead)}");

        var states = people.State;
        for (int p = 0; p < states.Length; p++)
        {
            bool dead = states[p] == PersonState.Dead;
            if (_wasDead[p] && !dead)
            {
                int person = p;
                Fail(tick, $"person {person} left the Dead state for {states[person]}");
            }

            _wasDead[p] = dead;
        }

        Require(r.Dead >= _deadBefore, tick, () => $"deaths decreased from {_deadBefore} to {r.Dead}");
        Require(r.RespondersDead >= _respondersBefore, tick, () => $"responder deaths decreased from {_respondersBefore} to {r.RespondersDead}");
        Require(r.MessagesSent >= _messagesBefore, tick, () => $"messages sent decreased from {_messagesBefore} to {r.MessagesSent}");
        _deadBefore = r.Dead;
        _respondersBefore = r.RespondersDead;
        _messagesBefore = r.MessagesSent;

        foreach (var (name, value) in TickRecord.Columns)
        {
            double v = value(r);
            Require(double.IsFinite(v), tick, () => $"ticks.csv column {name} is {v.ToString(CultureInfo.InvariantCulture)}");
        }

        Require(r.Rumour is >= 0 and <= 1, tick, () => $"rumour prevalence {Fmt(r.Rumour)} is outside [0, 1]");
        Require(r.SuppliesDeficit >= 0, tick, () => $"supplies deficit {Fmt(r.SuppliesDeficit)} is negative");
        Require(r.SiteKits >= 0, tick, () => $"site kits {Fmt(r.SiteKits)} is negative");

        var zones = sim.Zones;
        for (int z = 0; z < sim.ZoneIds.Length; z++)
        {
            int zone = z;
            string id = sim.ZoneIds[z];
            Require(zones.Kits[z] >= 0, tick, () => $"kits at {id} are negative: {Fmt(zones.Kits[zone])}");
            Require(zones.Kits[z] <= zones.StorageKits[z] + 1e-9, tick, () => $"kits at {id} ({Fmt(zones.Kits[zone])}) exceed storage ({Fmt(zones.StorageKits[zone])})");
            Require(zones.Blood[z] >= 0 && double.IsFinite(zones.Blood[z]), tick, () => $"blood at {id} is {Fmt(zones.Blood[zone])}");
            Require(zones.Fire[z] is >= 0 and <= 1, tick, () => $"fire at {id} is {Fmt(zones.Fire[zone])}, outside [0, 1]");
            Require(zones.BedsUsed[z] >= 0 && zones.BedsUsed[z] <= zones.Beds[z], tick, () => $"beds used at {id} ({zones.BedsUsed[zone]}) outside [0, {zones.Beds[zone]}]");
            int sheltered = people.CountIn(z, PersonState.Sheltered);
            Require(sheltered <= zones.ShelterCapacity[z], tick, () => $"{sheltered} sheltered at {id}, capacity {zones.ShelterCapacity[zone]}");
            // A bed for each patient admitted (in it, or discharged from it) and for each on the way (traffic.casualties_by_road).
            int treated = people.CountIn(z, PersonState.Treated) + people.CountIn(z, PersonState.InTransit);
            Require(treated == zones.BedsUsed[z] + zones.BedsFreed[z], tick, () => $"{treated} treated at or on the way to {id} but {zones.BedsUsed[zone]} beds used and {zones.BedsFreed[zone]} freed");
        }

        var nodes = sim.Nodes;
        for (int n = 0; n < nodes.Count; n++)
        {
            int node = n;
            Require(nodes.Stock[n] >= 0 && double.IsFinite(nodes.Stock[n]), tick, () => $"stock of {nodes.Ids[node]} is {Fmt(nodes.Stock[node])}");
            Require(nodes.ProcuredKits[n] >= 0, tick, () => $"procured kits of {nodes.Ids[node]} are {Fmt(nodes.ProcuredKits[node])}");
        }

        var claims = nodes.ClaimUnits;
        for (int i = 0; i < claims.Length; i++)
        {
            if (!(claims[i] >= 0))
            {
                float c = claims[i];
                int index = i;
                Fail(tick, $"claim entry {index} is {c.ToString(CultureInfo.InvariantCulture)} (negative or NaN)");
            }
        }

        var units = sim.Units;
        for (int n = 0; n < nodes.Count; n++)
        {
            if (!(nodes.Trust[n] >= 0 && nodes.Trust[n] <= 1) || !(nodes.CoordinationDueH[n] >= 0))
            {
                int node = n;
                Fail(tick, $"{nodes.Ids[node]} has trust {Fmt(nodes.Trust[node])} and {Fmt(nodes.CoordinationDueH[node])} staff-hours due");
            }
        }

        for (int u = 0; u < units.Capacity; u++)
        {
            if (units.Members[u] < 0 || (units.State[u] == UnitState.Lost && units.Members[u] != 0) || !(units.Carry[u] >= 0))
            {
                int unit = u;
                Fail(tick, $"unit {unit} of {nodes.Ids[units.Owner[unit]]} is {units.State[unit]} with {units.Members[unit]} members and carry {Fmt(units.Carry[unit])}");
            }
        }
    }

    /// <summary>
    /// Checks that every runs.csv metric is finite and not negative (-1 means "never" for the two time-to metrics; a
    /// change of trust, a difference of two shares, lies in [-1, 1]).
    /// </summary>
    public static void CheckMetrics(RunMetrics metrics)
    {
        foreach (var (name, value) in RunMetrics.Columns)
        {
            double v = value(metrics);
            if (name == "trust_change" && v is < -1 or > 1)
            {
                throw new InvariantViolationException($"runs.csv metric {name} is {Fmt(v)}; expected a change of a share, in [-1, 1]");
            }

            if (double.IsNaN(v) && MetricCatalog.Run(name)?.Never is not null)
            {
                continue; // an event that never happened: missing (an empty cell), never a number
            }

            double floor = name == "trust_change" ? -1 : 0;
            if (!double.IsFinite(v) || v < floor)
            {
                throw new InvariantViolationException($"runs.csv metric {name} is {Fmt(v)}; expected a finite number of at least {Fmt(floor)}");
            }
        }
    }

    private static string Fmt(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static void Require(bool ok, int tick, Func<string> message)
    {
        if (!ok)
        {
            Fail(tick, message());
        }
    }

    private static void Fail(int tick, string message) =>
        throw new InvariantViolationException(string.Create(CultureInfo.InvariantCulture, $"tick {tick}: {message}"));
}
