using CrisisSim.Tests.Support;

namespace CrisisSim.Tests.Cli;

/// <summary>Commands write to the writers their invocation was given, never to the global console.</summary>
public class CommandOutputTests
{
    [Test]
    public void InProcessRunsAtTheSameTimeEachGetOnlyTheirOwnStdoutAndStderr()
    {
        using var tmp = new TempDir();
        string missing = tmp["missing.yaml"];
        string[][] commands =
        [
            ["run", "--seed", "7", "--out", tmp["seven"]],
            ["run", "--seed", "8", "--out", tmp["eight"]],
            ["params"],
            ["validate", missing],
        ];
        var alone = commands.Select(c => CliRunner.Run(c)).ToArray();
        Assert.That(alone[0].Stdout, Does.Contain("seed 7").And.Not.Contain("seed 8"));
        Assert.That(alone[3].Stderr, Does.StartWith($"error: {missing}: no such file"));

        // Again, all at once and several times each; a run replaces its own earlier folder, so its summary is the same text.
        using var start = new Barrier(commands.Length);
        var together = commands.Select(c => Task.Run(() =>
        {
            start.SignalAndWait();
            return Enumerable.Range(0, 3).Select(_ => CliRunner.Run(c[0] == "run" ? [.. c, "--force"] : c)).ToArray();
        })).ToArray();
        Task.WaitAll(together);

        Assert.Multiple(() =>
        {
            for (int i = 0; i < commands.Length; i++)
            {
                foreach (var result in together[i].Result)
                {
                    Assert.That(result, Is.EqualTo(alone[i]), string.Join(' ', commands[i]));
                }
            }
        });
    }
}
