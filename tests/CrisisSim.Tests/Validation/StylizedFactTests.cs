using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;
using CrisisSim.Tests.Support;
using MathNet.Numerics.Statistics;
using static CrisisSim.Tests.Validation.Validation;

namespace CrisisSim.Tests.Validation;

/// <summary>
/// Automated validation of the twelve stylised facts of docs/sources.md §2.5 (table and results:
/// docs/validation-facts.md). Every fact is an experiment with replicates over common random numbers
/// (replicate r uses DeriveReplicateSeed(2015, r) in every arm) and a statistical criterion at α = 0.05:
/// a one-sided paired t-test, or a monotone trend test (per-replicate least-squares slope, one-sided
/// t-test on the mean slope). Nothing is tuned to make a fact pass: a criterion the model does not show
/// is documented as not reproduced and makes its test inconclusive, with the numbers (see
/// <see cref="FactCheck"/>).
/// <para>
/// The full suite (category <c>Validation</c>) is [Explicit]; run it with
/// <c>dotnet test tests/CrisisSim.Tests -c Release --filter TestCategory=Validation</c>. The fast subset
/// (category <c>ValidationFast</c>: facts 1, 7, 9, 11 at a shorter horizon or smaller scale) is not
/// explicit, runs in the default test command and must pass; it is deliberately not in the
/// <c>Validation</c> category, because the NUnit adapter skips explicit tests when a filter selects a
/// mix of explicit and non-explicit tests (its default ExplicitMode is Strict).
/// </para>
/// </summary>
public class StylizedFactTests
{
    private const string Slow = "slow validation suite: run with --filter TestCategory=Validation";

    /// <summary>Replicates per arm in the full suite (fact 9, whose outcome is deterministic, uses 20).</summary>
    private const int Replicates = 40;

    private static readonly string[] s_coGov = ["governance.mode=co-governance"];

    private static string[] Rule(string rule) => ["governance.mode=co-governance", "governance.communication=" + rule];

    // ------------------------------------------------------------------------------------------------
    // Fact 1: information latency platform < liaison < hierarchy.
    // ------------------------------------------------------------------------------------------------

    [Test]
    [Category("Validation")]
    [Explicit(Slow)]
    public void Fact01_InformationLatency_PlatformBelowLiaisonBelowHierarchy()
    {
        const int n = Replicates;
        var arms = Arms([], n, ["governance.mode=single-government"], Rule("hierarchical"), Rule("liaison"), Rule("platform"));
        double[] single = arms[0].Of(m => m.InfoLatencyMeanH);
        double[] hierarchy = arms[1].Of(m => m.InfoLatencyMeanH);
        double[] liaison = arms[2].Of(m => m.InfoLatencyMeanH);
        double[] platform = arms[3].Of(m => m.InfoLatencyMeanH);

        var half = Arms(["population.scale=0.5"], n, Rule("hierarchical"), Rule("liaison"));
        var halfTest = Greater(half[0].Of(m => m.InfoLatencyMeanH), half[1].Of(m => m.InfoLatencyMeanH));

        new FactCheck(
                "1 information latency: platform < liaison < hierarchy",
                "co-governance under each rule, built-in scenario, 72 h, scale 1, 40 replicates; info_latency_mean_h")
            // Across the fit's posterior (97 sets): 0.129 h, p = 0.21; at the hand-set point it held (validation-facts.md).
            .Criterion("hierarchy > liaison", Greater(hierarchy, liaison), Expect.NotReproduced, Inv($"means {Num(hierarchy.Mean())} vs {Num(liaison.Mean())} h"))
            .Criterion("liaison > platform", Greater(liaison, platform), Expect.Reproduced, Inv($"means {Num(liaison.Mean())} vs {Num(platform.Mean())} h"))
            .Note(Inv($"single-government: {Num(single.Mean())} h (organisations outside command; less traffic on the chain of command)"))
            .Note(Inv($"robustness, population.scale 0.5 (fewer units and residents; message capacities keep their base values): hierarchy {Num(half[0].Of(m => m.InfoLatencyMeanH).Mean())} vs liaison {Num(half[1].Of(m => m.InfoLatencyMeanH).Mean())} h, hierarchy − liaison {halfTest}"))
            .Conclude();
    }

    [Test]
    [Category("ValidationFast")]
    public void Fast_Fact01_InformationLatency_PlatformBelowLiaisonBelowHierarchy()
    {
        var arms = Arms(["time.horizon_h=48"], 20, Rule("hierarchical"), Rule("liaison"), Rule("platform"));
        double[] hierarchy = arms[0].Of(m => m.InfoLatencyMeanH);
        double[] liaison = arms[1].Of(m => m.InfoLatencyMeanH);
        double[] platform = arms[2].Of(m => m.InfoLatencyMeanH);
        new FactCheck("1 (fast) information latency", "co-governance per rule, 48 h, scale 1, 20 replicates")
            // Since the costs of co-governance and the people-weighted latency (issue 14) the hierarchy is slower than
            // liaison by 0.29 h on 20 replicates, short of one-sided p < 0.05 (p = 0.066): documented as not reproduced.
            .Criterion("hierarchy > liaison", Greater(hierarchy, liaison), Expect.NotReproduced)
            .Criterion("liaison > platform", Greater(liaison, platform), Expect.Reproduced)
            .Conclude();
    }

    // ------------------------------------------------------------------------------------------------
    // Fact 2: lateral communication helps most under uncertainty; hierarchy can win when stable.
    // ------------------------------------------------------------------------------------------------

    [Test]
    [Category("Validation")]
    [Explicit(Slow)]
    public void Fact02_LateralCommunicationHelpsMostUnderUncertainty()
    {
        const int n = Replicates;
        string[] stable = ["hazard.toxic.present=false", "hazard.fire.flareups=[]"];
        var a = Arms(
            [],
            n,
            Rule("hierarchical"),
            Rule("platform"),
            [.. Rule("hierarchical"), .. stable],
            [.. Rule("platform"), .. stable]);

        double[] Gain(int hier, int plat, Func<RunMetrics, double> f) => a[hier].Of(f).Minus(a[plat].Of(f));

        var resp = (Uncertain: Gain(0, 1, m => m.ResponseLatencyMeanH), Stable: Gain(2, 3, m => m.ResponseLatencyMeanH));
        var unmet = (Uncertain: Gain(0, 1, m => m.UnmetNeedHours), Stable: Gain(2, 3, m => m.UnmetNeedHours));
        var civ = (Uncertain: Gain(0, 1, m => m.DeathsCivilian), Stable: Gain(2, 3, m => m.DeathsCivilian));
        var resp2 = (Uncertain: Gain(0, 1, m => m.DeathsResponder), Stable: Gain(2, 3, m => m.DeathsResponder));

        new FactCheck(
                "2 lateral communication helps most under uncertainty; hierarchy can win when stable",
                "2×2: rule (co-governance hierarchical vs platform) × conditions (uncertain = built-in: chemicals unidentified until found or disclosed at 82 h, flare-up at 60.8 h; stable = no toxic release, no flare-up); 40 replicates; lateral gain = hierarchical − platform")
            .Criterion(
                "lateral gain in response_latency_mean_h larger under uncertainty (difference in differences > 0)",
                Greater(resp.Uncertain, resp.Stable),
                // Reproduced at fc2edbc (DiD 1.15 h); after issue 14 (planning headquarters, orders and the command post in
                // every arm, one attention budget) the lateral gain was the same in both conditions (0.495 vs 0.484 h, p = 0.49;
                // 0.74 vs 0.56 h, p = 0.26 at 1e31591); reproduced again at ac8db5f (headquarters passes down what a team
                // decides on, a node passes up only what is worth a report): 1.237 vs 0.526 h, DiD 0.711 h, p = 0.0088.
                // Across the fit's posterior (97 sets) not: 0.973 vs 1.08 h. validation-facts.md fact 2.
                Expect.NotReproduced,
                Inv($"gain uncertain {Num(resp.Uncertain.Mean())} h, stable {Num(resp.Stable.Mean())} h"))
            .Criterion(
                "under stable conditions hierarchy beats platform (lower response_latency_mean_h)",
                Greater(a[3].Of(m => m.ResponseLatencyMeanH), a[2].Of(m => m.ResponseLatencyMeanH)),
                Expect.NotReproduced,
                Inv($"stable: hierarchy {Num(a[2].Of(m => m.ResponseLatencyMeanH).Mean())} h, platform {Num(a[3].Of(m => m.ResponseLatencyMeanH).Mean())} h; platform − hierarchy"))
            .Note(Inv($"unmet_need_hours gain: uncertain {Num(unmet.Uncertain.Mean())}, stable {Num(unmet.Stable.Mean())}; DiD {Greater(unmet.Uncertain, unmet.Stable)}"))
            .Note(Inv($"deaths_civilian gain: uncertain {Num(civ.Uncertain.Mean())}, stable {Num(civ.Stable.Mean())}; DiD {Greater(civ.Uncertain, civ.Stable)}"))
            .Note(Inv($"deaths_responder gain: uncertain {Num(resp2.Uncertain.Mean())}, stable {Num(resp2.Stable.Mean())}; DiD {Greater(resp2.Uncertain, resp2.Stable)}; stable, hierarchy fewer responder deaths: {Greater(resp2.Stable.Select(x => -x).ToArray(), new double[resp2.Stable.Length])}"))
            .Conclude();
    }

    // ------------------------------------------------------------------------------------------------
    // Fact 3: unmet need U-shaped in message volume.
    // ------------------------------------------------------------------------------------------------

    [Test]
    [Category("Validation")]
    [Explicit(Slow)]
    public void Fact03_UnmetNeedIsUShapedInMessageVolume()
    {
        double[] thresholds = [0, 0.05, 0.2, 0.5, 1, 2];
        double[] index = [.. thresholds.Select((_, i) => (double)i)];
        var check = new FactCheck(
            "3 diminishing returns of sharing and overload: unmet need U-shaped in message volume",
            "co-governance (hierarchical and platform rules); communication.report_threshold ∈ {0, 0.05, 0.2, 0.5, 1, 2} (0 = report every change, most messages); argmin of mean unmet_need_hours chosen on 12 selection replicates (master seed 2016), then tested on 40 fresh replicates (master seed 2015)");
        foreach (string rule in new[] { "hierarchical", "platform" })
        {
            var select = thresholds.Select(t => Run([.. Rule(rule), Inv($"communication.report_threshold={t}")], 12, MasterSeed + 1)).ToArray();
            int argmin = Enumerable.Range(0, thresholds.Length).MinBy(i => select[i].Of(m => m.UnmetNeedHours).Mean());
            var test = thresholds.Select(t => Run([.. Rule(rule), Inv($"communication.report_threshold={t}")], Replicates)).ToArray();
            double[][] sent = [.. test.Select(arm => arm.Of(m => (double)m.MessagesSent))];
            double[][] unmet = [.. test.Select(arm => arm.Of(m => m.UnmetNeedHours))];
            bool interior = argmin > 0 && argmin < thresholds.Length - 1;
            check.Criterion(Inv($"{rule}: messages_sent falls as the threshold rises (volume axis)"), SlopeDown(index, sent), Expect.Reproduced, "means " + MeansByLevel(thresholds, sent) + "; slope per level step")
                 .Criterion(Inv($"{rule}: minimum of unmet need at an interior volume"), interior, Expect.Reproduced, Inv($"selected threshold {Num(thresholds[argmin])}; test means {MeansByLevel(thresholds, unmet)}"))
                 .Criterion(Inv($"{rule}: most messages (threshold 0) → more unmet need than at the minimum (overload)"), Greater(unmet[0], unmet[argmin]), Expect.Reproduced)
                 // Not reproduced through 897f1bf (+909 and +732 person-h, p = 0.14 and 0.095); from 46515a5 (units wait on
                 // standby before giving a need up) the sparse end was significantly worse than the minimum under both rules, if
                 // by little (+903 and +377 person-h, under 0.2 %; p = 0.0065 and 0.013); since rescue teams on the platform
                 // follow the fire (b49ac74) it was again not significant under the platform rule (+1,835 person-h,
                 // p = 0.056) while it still was under the hierarchy (+903, p = 0.0065); at ac8db5f it holds under both rules
                 // again (+1,552, p = 0.034, and +1,004, p < 0.0001): validation-facts.md fact 3.
                 .Criterion(Inv($"{rule}: fewest messages (threshold 2) → more unmet need than at the minimum (too little sharing)"), Greater(unmet[^1], unmet[argmin]), Expect.Reproduced);
        }

        check.Conclude();
    }

    // ------------------------------------------------------------------------------------------------
    // Fact 4: hubs that filter speed dissemination.
    // ------------------------------------------------------------------------------------------------

    [Test]
    [Category("Validation")]
    [Explicit(Slow)]
    public void Fact04_HubFilteringSpeedsDissemination()
    {
        const int n = Replicates;
        var check = new FactCheck(
            "4 hubs that filter speed dissemination",
            "co-governance, platform rule; communication.platform.hub_filtering false vs true, at a reading cost of 0.5 messages' worth of attention per post (above the default 0.2) and at a high cost (2); 40 replicates; info_latency_mean_h");
        foreach (double cost in new[] { 0.5, 2 })
        {
            var a = Arms([.. Rule("platform"), Inv($"communication.platform.reading_cost={cost}")], n, ["communication.platform.hub_filtering=false"], ["communication.platform.hub_filtering=true"]);
            double[] off = a[0].Of(m => m.InfoLatencyMeanH);
            double[] on = a[1].Of(m => m.InfoLatencyMeanH);
            double[] pendOff = a[0].Of(o => o.Ticks.Average(t => (double)t.MessagesPending));
            double[] pendOn = a[1].Of(o => o.Ticks.Average(t => (double)t.MessagesPending));
            // At fc2edbc filtering lowered latency at a tight reading cap too (p = 0.038); validation-facts.md fact 4 says so.
            // Across the fit's posterior (97 sets) filtering helps at cost 0.5 (p < 0.0001), not at 2 (0.122 h, p = 0.22).
            check.Criterion(Inv($"reading cost {cost}: info latency lower with hub filtering"), Greater(off, on), cost < 1 ? Expect.Reproduced : Expect.NotReproduced, Inv($"means {Num(off.Mean())} (off) vs {Num(on.Mean())} (on) h"))
                 .Note(Inv($"reading cost {cost}: mean messages_pending {Num(pendOff.Mean())} (off) vs {Num(pendOn.Mean())} (on); off − on {Greater(pendOff, pendOn)}; response_latency_mean_h {Num(a[0].Of(m => m.ResponseLatencyMeanH).Mean())} vs {Num(a[1].Of(m => m.ResponseLatencyMeanH).Mean())}"));
        }

        check.Conclude();
    }

    // ------------------------------------------------------------------------------------------------
    // Fact 5: trust outweighs structure later in a response.
    // ------------------------------------------------------------------------------------------------

    [Test]
    [Category("Validation")]
    [Explicit(Slow)]
    public void Fact05_TrustOutweighsStructureLaterInTheResponse()
    {
        const int n = Replicates;
        var a = Arms(
            s_coGov,
            n,
            ["governance.communication=hierarchical", "governance.trust=0.3"],
            ["governance.communication=hierarchical", "governance.trust=0.9"],
            ["governance.communication=platform", "governance.trust=0.3"],
            ["governance.communication=platform", "governance.trust=0.9"]);

        // Unmet person-hours of rescue, medical and shelter need in a window, from the tick records.
        double[] U(int arm, double from, double to) => a[arm].Of(o => o.HoursIn(from, to, t => t.Trapped + t.Injured + t.Displaced));
        double[] Half(double[] x, double[] y) => [.. x.Zip(y, (p, q) => (p + q) / 2)];
        (double[] Trust, double[] Structure) Effects(double from, double to)
        {
            double[] h3 = U(0, from, to), h9 = U(1, from, to), p3 = U(2, from, to), p9 = U(3, from, to);
            return (Half(h3.Minus(h9), p3.Minus(p9)), Half(h3.Minus(p3), h9.Minus(p9)));
        }

        var early = Effects(0, 24);
        var late = Effects(24, 72);
        double[] Sup(int arm) => a[arm].Of(o => o.HoursIn(24, 72, t => t.SuppliesDeficit));
        double[] trustSup = Half(Sup(0).Minus(Sup(1)), Sup(2).Minus(Sup(3)));
        double[] structSup = Half(Sup(0).Minus(Sup(2)), Sup(1).Minus(Sup(3)));

        new FactCheck(
                "5 trust and willingness to share outweigh structure later in a response",
                "2×2 under co-governance: rule (hierarchical vs platform) × governance.trust (0.3 vs 0.9); 40 replicates; outcome: unmet person-hours (trapped + injured waiting + displaced unsheltered) in 0–24 h and 24–72 h; trust effect = U(0.3) − U(0.9), structure effect = U(hierarchical) − U(platform), each averaged over the other factor")
            .Criterion(
                "late (24–72 h): trust effect > structure effect",
                Greater(late.Trust, late.Structure),
                Expect.NotReproduced,
                Inv($"late trust effect {Num(late.Trust.Mean())}, structure effect {Num(late.Structure.Mean())} person-h"))
            .Note(Inv($"early (0–24 h): trust effect {Num(early.Trust.Mean())}, structure effect {Num(early.Structure.Mean())} person-h"))
            .Note(Inv($"late supply-deficit hours: trust effect {Num(trustSup.Mean())}, structure effect {Num(structSup.Mean())}"))
            .Note("trust gates acting on information crossing between the government and an organisation and the willingness to share it, and learns from the accuracy of reports acted on (docs/model.md 5.3.28)")
            .Conclude();
    }

    // ------------------------------------------------------------------------------------------------
    // Fact 6: volunteer and material inflow peaks early and exceeds absorption.
    // ------------------------------------------------------------------------------------------------

    [Test]
    [Category("Validation")]
    [Explicit(Slow)]
    public void Fact06_VolunteerAndMaterialInflowPeaksEarlyAndExceedsAbsorption()
    {
        const int n = Replicates;
        var runs = Run([], n);
        double[] peakInflowHour = runs.Of(PeakVolunteerInflowHour);
        double gain = Repo.BuiltIn().Public.RumourGain;
        double[] materialPeakHour = runs.Of(o => o.Ticks.MaxBy(t => t.Attention * (1 + (gain * t.Rumour))).TimeH);
        double[] idleEarly = runs.Of(o => IdleShare(o, 0, 24));
        double[] idleLate = runs.Of(o => IdleShare(o, 48, 72));
        double[] hospitalKits = runs.Of(o => o.HospitalKitsAt24);
        double[] shelterKits = runs.Of(o => o.ShelterKitsAt24);
        double[] deficit24 = runs.Of(o => o.Ticks.First(t => Math.Abs(t.TimeH - 24) < 1e-6).SuppliesDeficit);

        new FactCheck(
                "6 volunteer and material inflow peaks early and exceeds what can be absorbed",
                "built-in scenario (single-government), 72 h, 40 replicates; per-tick volunteers_present / volunteers_idle, kits by zone kind at 24 h")
            .Criterion("volunteer inflow (6-h bins of rising volunteers_present) peaks before 24 h", MeanBelow(peakInflowHour, 24), Expect.Reproduced, Inv($"mean start of peak bin {Num(peakInflowHour.Mean())} h"))
            .Criterion("early inflow exceeds absorption: most volunteers present in 0–24 h are idle (share > 0.5)", MeanAbove(idleEarly, 0.5), Expect.Reproduced, Inv($"idle share {Num(idleEarly.Mean())}"))
            // Reproduced at fc2edbc (5,547 vs 5,478 kits, p = 0.0014), not at 897f1bf (5,547 vs 5,518, p = 0.17); since 46515a5
            // (the Red Cross and the volunteer hub arrive with the media's picture) the shelters hold 5,035 kits at 24 h against
            // the hospitals' unchanged 5,547 (p < 0.0001): validation-facts.md fact 6.
            // Across the fit's posterior not: the shelters' visibility, hand-set at 0.1 so that goods pile up at hospitals, is
            // not pinned down by any fit target (posterior median 0.21); validation-facts.md fact 6.
            .Criterion("material piles up at visible sites rather than shelters: kits at hospitals > kits at shelters at 24 h", Greater(hospitalKits, shelterKits), Expect.NotReproduced, Inv($"hospitals {Num(hospitalKits.Mean())}, shelters {Num(shelterKits.Mean())} kits; shelter supply deficit at 24 h {Num(deficit24.Mean())} kits"))
            .Criterion("idle volunteers concentrated early: idle share 0–24 h > 48–72 h", Greater(idleEarly, idleLate), Expect.NotReproduced, Inv($"idle share {Num(idleEarly.Mean())} early vs {Num(idleLate.Mean())} late"))
            .Note(Inv($"material drive (attention × (1 + gain × rumour), which sets donations and convergence) peaks at {Num(materialPeakHour.Mean())} h; wasted_supplies {Num(runs.Of(m => m.WastedSupplies).Mean())} kits; idle_volunteer_hours {Num(runs.Of(m => m.IdleVolunteerHours).Mean())}; congestion_delay_h {Num(runs.Of(m => m.CongestionDelayH).Mean())}"))
            .Conclude();
    }

    private static double IdleShare(RunObservation o, double from, double to)
    {
        double present = o.HoursIn(from, to, t => t.VolunteersPresent);
        return present == 0 ? 0 : o.HoursIn(from, to, t => t.VolunteersIdle) / present;
    }

    private static double PeakVolunteerInflowHour(RunObservation o)
    {
        const double bin = 6;
        var inflow = new Dictionary<int, double>();
        for (int i = 1; i < o.Ticks.Length; i++)
        {
            double rise = Math.Max(0, o.Ticks[i].VolunteersPresent - o.Ticks[i - 1].VolunteersPresent);
            int b = (int)Math.Floor((o.Ticks[i].TimeH - 1e-9) / bin);
            inflow[b] = inflow.GetValueOrDefault(b) + rise;
        }

        return inflow.MaxBy(kv => kv.Value).Key * bin;
    }

    // ------------------------------------------------------------------------------------------------
    // Fact 7: delayed coordination of volunteers means more missed requests.
    // ------------------------------------------------------------------------------------------------

    [Test]
    [Category("Validation")]
    [Explicit(Slow)]
    public void Fact07_DelayedVolunteerCoordinationMeansMoreMissedRequests()
    {
        double[] shifts = [0, 10, 20, 30];
        var arms = shifts.Select(s => Run([.. Rule("platform"), Inv($"actors.volunteer_hub.arrival_start_h={s}"), Inv($"actors.volunteer_hub.arrival_end_h={s + 20}")], Replicates)).ToArray();
        double[][] missed = [.. arms.Select(a => a.Of(m => m.UnmetShelterHours))];
        double[][] latency = [.. arms.Select(a => a.Of(m => m.ResponseLatencyMeanH))];
        new FactCheck(
                "7 delayed coordination of volunteers means more missed requests",
                "co-governance, platform rule; the volunteer hub (the coordinated volunteers) starts at 0, 10, 20 or 30 h (window 20 h long; built-in 10–30 h); 40 replicates; missed requests = unmet_shelter_hours")
            .Criterion("unmet_shelter_hours rises with the delay (trend)", SlopeUp(shifts, missed), Expect.Reproduced, "means " + MeansByLevel(shifts, missed) + "; slope per hour of delay")
            .Note("response_latency_mean_h by delay: " + MeansByLevel(shifts, latency) + Inv($"; trend {SlopeUp(shifts, latency)}"))
            .Conclude();
    }

    [Test]
    [Category("ValidationFast")]
    public void Fast_Fact07_DelayedVolunteerCoordinationMeansMoreMissedRequests()
    {
        double[] shifts = [0, 10, 20];
        var arms = shifts.Select(s => Run([.. Rule("platform"), "time.horizon_h=48", "population.scale=0.5", Inv($"actors.volunteer_hub.arrival_start_h={s}"), Inv($"actors.volunteer_hub.arrival_end_h={s + 20}")], 10)).ToArray();
        double[][] missed = [.. arms.Select(a => a.Of(m => m.UnmetShelterHours))];
        new FactCheck("7 (fast) delayed volunteer coordination", "volunteer hub start 0/10/20 h, 48 h, scale 0.5, 10 replicates")
            .Criterion("unmet_shelter_hours rises with the delay (trend)", SlopeUp(shifts, missed), Expect.Reproduced, "means " + MeansByLevel(shifts, missed))
            .Conclude();
    }

    // ------------------------------------------------------------------------------------------------
    // Fact 8: decentralised coordination more efficient, centralised covers more.
    // ------------------------------------------------------------------------------------------------

    [Test]
    [Category("Validation")]
    [Explicit(Slow)]
    public void Fact08_DecentralisedMoreEfficientCentralisedCoversMore()
    {
        const int n = Replicates;
        var a = Arms([], n, Rule("hierarchical"), Rule("liaison"), Rule("platform"));
        static double CostPerServed(RunObservation o) =>
            o.Metrics.CoordinationCost / Math.Max(1, o.Metrics.Rescued + o.Metrics.InjuredTreated + o.Ticks[^1].Sheltered);
        double[] costH = a[0].Of(CostPerServed), costL = a[1].Of(CostPerServed), costP = a[2].Of(CostPerServed);
        double[] covH = a[0].Of(o => o.Coverage), covL = a[1].Of(o => o.Coverage), covP = a[2].Of(o => o.Coverage);
        double[] dupH = a[0].Of(m => m.DuplicatedDeliveries), dupP = a[2].Of(m => m.DuplicatedDeliveries);

        new FactCheck(
                "8 decentralised coordination is more efficient; centralised coordination covers more",
                "co-governance: centralised = hierarchical rule (everything through headquarters), decentralised = platform (peer posting); 40 replicates; efficiency = coordination_cost per person served (rescued + injured_treated + sheltered at the horizon); coverage = share of (zone, need, tick) with a positive rescue/medical/shelter need that has a unit working on or travelling to it")
            .Criterion("decentralised more efficient: cost per person served lower on the platform", Greater(costH, costP), Expect.Reproduced, Inv($"hierarchical {Num(costH.Mean())}, liaison {Num(costL.Mean())}, platform {Num(costP.Mean())}"))
            .Criterion("centralised covers more: coverage higher under the hierarchy", Greater(covH, covP), Expect.NotReproduced, Inv($"coverage hierarchical {Num(covH.Mean())}, liaison {Num(covL.Mean())}, platform {Num(covP.Mean())}; hierarchy − platform"))
            .Note(Inv($"duplicated_deliveries hierarchical {Num(dupH.Mean())} vs platform {Num(dupP.Mean())}; platform − hierarchy {Greater(dupP, dupH)}"))
            .Conclude();
    }

    // ------------------------------------------------------------------------------------------------
    // Fact 9: rumour grows with the delay to the first official release.
    // ------------------------------------------------------------------------------------------------

    [Test]
    [Category("Validation")]
    [Explicit(Slow)]
    public void Fact09_RumourGrowsWithTheDelayOfTheFirstRelease()
    {
        double[] delays = [2, 6, 12, 17.7, 24, 36];
        double[][] peak = [.. delays.Select(d => Run([Inv($"communication.broadcast.first_release_h={d}")], 20).Of(m => m.RumourPeak))];
        CheckRumour("9 rumour volume grows with the delay to the first official release", "built-in scenario, 72 h; communication.broadcast.first_release_h ∈ {2, 6, 12, 17.7, 24, 36}; 20 replicates; rumour_peak", delays, peak);
    }

    [Test]
    [Category("ValidationFast")]
    public void Fast_Fact09_RumourGrowsWithTheDelayOfTheFirstRelease()
    {
        double[] delays = [2, 6, 12, 24];
        double[][] peak = [.. delays.Select(d => Run(["time.horizon_h=36", "population.scale=0.3", Inv($"communication.broadcast.first_release_h={d}")], 8).Of(m => m.RumourPeak))];
        CheckRumour("9 (fast) rumour and first release", "36 h, scale 0.3, 8 replicates", delays, peak);
    }

    private static void CheckRumour(string fact, string experiment, double[] delays, double[][] peak)
    {
        bool monotone = Enumerable.Range(1, delays.Length - 1).All(i => peak[i].Mean() > peak[i - 1].Mean());
        new FactCheck(fact, experiment)
            .Criterion("rumour_peak rises with the delay (trend)", SlopeUp(delays, peak), Expect.Reproduced, "means " + MeansByLevel(delays, peak) + "; slope per hour")
            .Criterion("mean rumour_peak strictly increasing in the delay", monotone, Expect.Reproduced, monotone ? "yes" : "no")
            .Note("the rumour equation is deterministic (logistic growth until the first release): this fact follows directly from it")
            .Conclude();
    }

    // ------------------------------------------------------------------------------------------------
    // Fact 10: the value of early authorisation shrinks fast (most lives saved in the first 24 h).
    // ------------------------------------------------------------------------------------------------

    [Test]
    [Category("Validation")]
    [Explicit(Slow)]
    public void Fact10_ValueOfEarlyAuthorisationShrinksBeyond24Hours()
    {
        double[] delays = [0, 12, 24, 36, 48];
        var arms = delays.Select(d => Run([.. Rule("platform"), Inv($"governance.legal.authorisation_delay_h={d}")], Replicates)).ToArray();
        double[][] deaths = [.. arms.Select(a => a.Of(m => m.DeathsCivilian))];
        double[][] rescued = [.. arms.Select(a => a.Of(m => m.Rescued))];
        double[] first = deaths[2].Minus(deaths[0]);
        double[] second = deaths[4].Minus(deaths[2]);
        new FactCheck(
                "10 the value of early authorisation shrinks fast (most lives are saved in the first 24 h)",
                "co-governance, platform rule; governance.legal.authorisation_delay_h ∈ {0, 12, 24, 36, 48}; 40 replicates; deaths_civilian")
            .Criterion("authorising at 24 h instead of 0 h costs lives", Greater(deaths[2], deaths[0]), Expect.NotReproduced, "means " + MeansByLevel(delays, deaths))
            .Criterion("the cost of 0 → 24 h exceeds that of 24 → 48 h", Greater(first, second), Expect.NotReproduced, Inv($"0→24 h: {Num(first.Mean())}, 24→48 h: {Num(second.Mean())} deaths"))
            .Note("rescued by delay: " + MeansByLevel(delays, rescued) + Inv($"; rescue_time_mean_h at 0 h delay {Num(arms[0].Of(m => m.RescueTimeMeanH).Mean())}"))
            .Note("only Blue Sky Rescue (10 units) needs authorisation, and rescue in the cordoned zones is blocked while they burn at intensity ≥ 0.5 (RescueFactor), which lasts most of the first day")
            .Conclude();
    }

    // ------------------------------------------------------------------------------------------------
    // Fact 11: responder deaths fall as hazard information reaches dispatch.
    // ------------------------------------------------------------------------------------------------

    [Test]
    [Category("Validation")]
    [Explicit(Slow)]
    public void Fact11_ResponderDeathsFallWhenHazardInformationReachesDispatchEarly()
    {
        double[] disclosed = [0, 12, 24, 48, 82];
        var arms = disclosed.Select(d => Run([Inv($"hazard.toxic.disclosed_at_h={d}")], Replicates)).ToArray();
        double[][] deaths = [.. arms.Select(a => a.Of(m => m.DeathsResponder))];
        string known = string.Join("; ", disclosed.Select((d, i) =>
        {
            double[] learned = [.. arms[i].Of(m => m.HazardKnownAtDispatchH).Where(h => h >= 0)];
            return Inv($"{Num(d)}: {learned.Length}/{arms[i].Length} runs, median {(learned.Length > 0 ? Num(learned.Median()) : "–")} h");
        }));
        new FactCheck(
                "11 responder deaths fall as hazard information reaches dispatch",
                "built-in scenario (single-government), 72 h; hazard.toxic.disclosed_at_h ∈ {0, 12, 24, 48, 82}; 40 replicates; deaths_responder")
            .Criterion("deaths_responder rises with the disclosure time (trend)", SlopeUp(disclosed, deaths), Expect.Reproduced, "means " + MeansByLevel(disclosed, deaths) + "; slope per hour")
            .Criterion("disclosure at 82 h (as in Tianjin) vs at 0 h: more responder deaths", Greater(deaths[^1], deaths[0]), Expect.Reproduced)
            .Note("headquarters learned the chemicals within 72 h (hazard_known_h ≥ 0), by disclosure time: " + known)
            .Note("the uninformed multiplier on exposure is a rule; what emerges is when each node learns the identity")
            .Conclude();
    }

    [Test]
    [Category("ValidationFast")]
    public void Fast_Fact11_ResponderDeathsFallWhenHazardInformationReachesDispatchEarly()
    {
        var a = Arms(["time.horizon_h=48", "population.scale=0.5"], 10, ["hazard.toxic.disclosed_at_h=82"], ["hazard.toxic.disclosed_at_h=0"]);
        new FactCheck("11 (fast) responder deaths and hazard information", "disclosure at 82 h vs 0 h, 48 h, scale 0.5, 10 replicates")
            .Criterion("late disclosure → more responder deaths", Greater(a[0].Of(m => m.DeathsResponder), a[1].Of(m => m.DeathsResponder)), Expect.Reproduced)
            .Conclude();
    }

    // ------------------------------------------------------------------------------------------------
    // Fact 12: co-governance wins mainly when demand exceeds government capacity.
    // ------------------------------------------------------------------------------------------------

    [Test]
    [Category("Validation")]
    [Explicit(Slow)]
    public void Fact12_CoGovernanceGainGrowsWhenDemandExceedsCapacity()
    {
        double[] demand = [0.5, 1, 2, 3, 4];
        const int n = Replicates;
        var gainDeaths = new double[demand.Length][];
        var gainUnmet = new double[demand.Length][];
        var single = new double[demand.Length][];
        for (int i = 0; i < demand.Length; i++)
        {
            string[] fixedCapacity = FixedResponseCapacity(demand[i]);
            var a = Arms(fixedCapacity, n, ["governance.mode=single-government"], Rule("platform"));
            single[i] = a[0].Of(m => m.DeathsCivilian);
            gainDeaths[i] = single[i].Minus(a[1].Of(m => m.DeathsCivilian));
            gainUnmet[i] = a[0].Of(m => m.UnmetNeedHours).Minus(a[1].Of(m => m.UnmetNeedHours));
        }

        double[][] gainPerDemand = [.. gainDeaths.Select((g, i) => g.Select(x => x / demand[i]).ToArray())];
        var lowest = MeanAbove(gainDeaths[0], 0);
        new FactCheck(
                "12 co-governance beats a government-only response mainly when demand exceeds government capacity",
                "population.scale ∈ {0.5, 1, 2, 3, 4} with population.scale_mode demand (residents grow; units, stocks, shelters, beds, roads, donations and message capacities stay at their scale-1 values); single-government vs co-governance (platform); 40 replicates; gain = single − co-governance")
            .Criterion("gain in deaths_civilian grows with demand (trend)", SlopeUp(demand, gainDeaths), Expect.Reproduced, "mean gain " + MeansByLevel(demand, gainDeaths))
            .Criterion("gain per unit of demand grows with demand (more than proportional beyond capacity)", SlopeUp(demand, gainPerDemand), Expect.Reproduced, "mean gain / scale " + MeansByLevel(demand, gainPerDemand))
            // Not reproduced at fc2edbc (a gain of 1.35 deaths at scale 0.5); after issue 14 co-governance gains nothing at 0.5
            // (−0.25, p = 0.94) and only at scale 4 (validation-facts.md fact 12), so the criterion holds.
            .Criterion("threshold: below capacity (scale 0.5) no significant gain in deaths_civilian", !lowest.Significant, Expect.Reproduced, Inv($"gain at scale 0.5: {lowest}"))
            .Criterion("gain in unmet_need_hours grows with demand (trend)", SlopeUp(demand, gainUnmet), Expect.NotReproduced, "mean gain " + MeansByLevel(demand, gainUnmet))
            .Note("single-government deaths_civilian by demand: " + MeansByLevel(demand, single))
            .Conclude();
    }

    /// <summary>Overrides that grow the residents by <paramref name="scale"/> against the scale-1 response (population.scale_mode demand).</summary>
    private static string[] FixedResponseCapacity(double scale) => [Inv($"population.scale={scale}"), "population.scale_mode=demand"];
}
