using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Calibration;

/// <summary>A bad calibration file is refused alike by calibrate and validate: exit 2, the file, line and key path in the message, nothing written.</summary>
internal static class CalibrationRefusal
{
    public static void AssertRefusedAt(TempDir tmp, string file, int line, string keyPath, string fragment)
    {
        foreach (var args in new[] { new[] { "calibrate", file, "--out", tmp["out"] }, ["validate", file] })
        {
            var r = CliRunner.Run(args);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(r.ExitCode, Is.EqualTo(2), args[0] + ": " + r.Stdout);
                Assert.That(r.Stderr, Does.Contain($"error: {file}:{line}:").And.Contain($": {keyPath}").And.Contain(fragment), args[0]);
                Assert.That(Directory.Exists(tmp["out"]), Is.False, "nothing written");
            }
        }
    }
}
