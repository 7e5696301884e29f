using CrisisSim.Tests.Cluster;

/// <summary>
/// In CI (CRISISSIM_REQUIRE_ANALYSIS_TOOLS=1, where PublishTests must run), the cluster build is published in the
/// background from the start of the run: the suite runs its tests one at a time, so the publish's minutes overlap
/// the tests before PublishTests instead of adding to them. Elsewhere (a filtered run on a workstation) nothing starts
/// unless PublishTests runs. In the global namespace, so it wraps the whole assembly.
/// </summary>
[SetUpFixture]
#pragma warning disable CA1050 // NUnit applies a setup fixture to the whole assembly only outside any namespace
public sealed class EarlyPublish
#pragma warning restore CA1050
{
    [OneTimeSetUp]
    public void Start()
    {
        if (Environment.GetEnvironmentVariable("CRISISSIM_REQUIRE_ANALYSIS_TOOLS") == "1")
        {
            PublishTests.StartEarly();
        }
    }

    [OneTimeTearDown]
    public void Finish() => PublishTests.RemoveBuild();
}
