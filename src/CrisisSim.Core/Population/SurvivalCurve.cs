namespace CrisisSim.Core.Population;

/// <summary>
/// Survival of trapped people as a function of time trapped: log-linear between the published points
/// (0 h: 1; 24 h; 48 h; 120 h) and extrapolated with the last segment's slope. A person's frailty u
/// (uniform in (0,1)) fixes the time at which they die if still trapped: S⁻¹(u). Drawing frailty once
/// per person makes survival a property of the person, so comparisons between arms are paired.
/// </summary>
public sealed class SurvivalCurve
{
    private readonly double[] _hours = [0, 24, 48, 120];
    private readonly double[] _logSurvival;

    /// <summary>Builds the curve from survival after one, two and five days.</summary>
    public SurvivalCurve(double day1, double day2, double day5)
    {
        const double floor = 1e-9; // log(0) guard: a survival of 0 becomes "practically nobody"
        _logSurvival = [0, Math.Log(Math.Max(day1, floor)), Math.Log(Math.Max(day2, floor)), Math.Log(Math.Max(day5, floor))];
    }

    /// <summary>Share still alive after <paramref name="hours"/> trapped.</summary>
    public double Survival(double hours)
    {
        int i = SegmentOf(hours);
        double slope = (_logSurvival[i + 1] - _logSurvival[i]) / (_hours[i + 1] - _hours[i]);
        return Math.Exp(_logSurvival[i] + (slope * (hours - _hours[i])));
    }

    /// <summary>Hours trapped after which a person of frailty <paramref name="u"/> dies (S(t) = u).</summary>
    public double DeathTime(double u)
    {
        double logU = Math.Log(Math.Clamp(u, 1e-12, 1.0));
        for (int i = 0; i < _hours.Length - 1; i++)
        {
            if (logU >= _logSurvival[i + 1] || i == _hours.Length - 2)
            {
                double slope = (_logSurvival[i + 1] - _logSurvival[i]) / (_hours[i + 1] - _hours[i]);
                if (slope >= 0)
                {
                    return logU >= _logSurvival[i] ? _hours[i] : double.PositiveInfinity;
                }

                return _hours[i] + ((logU - _logSurvival[i]) / slope);
            }
        }

        return double.PositiveInfinity;
    }

    private int SegmentOf(double hours)
    {
        for (int i = 0; i < _hours.Length - 2; i++)
        {
            if (hours < _hours[i + 1])
            {
                return i;
            }
        }

        return _hours.Length - 2;
    }
}
