namespace CrisisSim.Core.Communication;

/// <summary>
/// When a value seen is worth a report against the last one reported (communication.report_threshold): the first
/// sighting, a need appearing or gone, or a change of more than the threshold's share of the last value (of 1, for
/// values below 1). A unit judges its radio call to its node by it, residents their calls, and a node what it passes on.
/// </summary>
internal static class Newsworthiness
{
    public static bool Worth(float seen, float last, double threshold) =>
        float.IsNaN(last) || (seen == 0) != (last == 0) || Math.Abs(seen - last) > threshold * Math.Max(1, Math.Abs(last));
}
