using CrisisSim.Core.Metrics;

namespace CrisisSim.Tests.Metrics;

/// <summary>The latency metrics weight each need episode by the people it concerned (its peak size in persons).</summary>
public class NeedEpisodesTests
{
    private const double Dt = 1.0 / 6; // 10-minute ticks

    [Test]
    public void TwoEpisodesOfDifferentSizeGiveThePersonWeightedMeanLatencies()
    {
        var episodes = new NeedEpisodes(2, Dt);

        // Episode 0: one trapped person from tick 0; headquarters knows at 1 h, a unit starts at 2 h, it ends at 3 h.
        // Episode 1: 200 people at tick 0, 1,000 from tick 1 (its peak), then 400; known at 3 h, never served, ends at 5 h.
        for (int tick = 0; tick <= 30; tick++)
        {
            episodes.Observe(0, tick < 18 ? 1 : 0, tick);
            episodes.Observe(1, tick == 0 ? 200 : tick < 10 ? 1000 : tick < 30 ? 400 : 0, tick);
            if (tick == 6)
            {
                episodes.Known(0, tick);
            }

            if (tick == 12)
            {
                episodes.Served(0, tick);
                episodes.Known(0, tick); // only the first time counts
            }

            if (tick == 18)
            {
                episodes.Known(1, tick);
            }
        }

        // By hand: information (1·1 h + 1000·3 h) / 1001 = 2.998 h (unweighted: 2 h);
        // response (1·2 h + 1000·5 h) / 1001 = 4.997 h (unweighted: 3.5 h).
        Assert.That(episodes.InfoLatencyMeanH, Is.EqualTo(3001.0 / 1001).Within(1e-12));
        Assert.That(episodes.ResponseLatencyMeanH, Is.EqualTo(5002.0 / 1001).Within(1e-12));
    }

    [Test]
    public void AnEpisodeThatReopensCountsAgainWithItsOwnPeakAndOpenEpisodesCloseAtTheHorizon()
    {
        var episodes = new NeedEpisodes(1, Dt);
        episodes.Observe(0, 10, 0);
        episodes.Known(0, 0);
        episodes.Observe(0, 0, 6);   // closed at 1 h: info 0 h, response 1 h (never served), weight 10
        episodes.Observe(0, 2, 12);  // reopens at 2 h with 2 people
        episodes.Known(0, 18);       // info 1 h
        episodes.CloseAll(24);       // horizon at 4 h: response 2 h, weight 2
        Assert.That(episodes.InfoLatencyMeanH, Is.EqualTo(((10 * 0.0) + (2 * 1.0)) / 12).Within(1e-12));
        Assert.That(episodes.ResponseLatencyMeanH, Is.EqualTo(((10 * 1.0) + (2 * 2.0)) / 12).Within(1e-12));
        Assert.That(episodes.IsOpen(0), Is.False);
    }
}
