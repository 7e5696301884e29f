namespace CrisisSim.Cli.View;

/// <summary>A zone on the page's map: centre and radius in the map's drawing units (<see cref="MapLayout.Width"/> wide, <see cref="MapPicture.Height"/> high, y down).</summary>
internal sealed record PlacedZone(double X, double Y, double R);

/// <summary>A distance ring around the reference point: <paramref name="Km"/> from it, drawn with radius <paramref name="R"/>.</summary>
internal sealed record MapRing(double Km, double R);

/// <summary>
/// The map of one run: where each zone is drawn, the rings around the reference point (positions from the scenario), and
/// a caption that says how it was made.
/// </summary>
internal sealed record MapPicture(IReadOnlyList<PlacedZone> Zones, IReadOnlyList<MapRing> Rings, double OriginX, double OriginY, double Height, string Kind, string Caption);

/// <summary>
/// Lays out a run's zones for the page, deterministically. With every zone's map position (zones.&lt;id&gt;.map) the
/// positions are drawn around the reference point with distance on a log scale (so the blast site's neighbours, a few
/// hundred metres apart, and hospitals tens of kilometres away both fit); without any, a stress layout puts zones as far
/// apart as the shortest road travel time between them; with some, the others are placed so by the same rule around the
/// given ones. Circles are sized by the zone's residents (shelters and hospitals by their capacity) and then pushed
/// apart until none overlap.
/// </summary>
internal static class MapLayout
{
    public const double Width = 1000, MaxHeight = 760, MinHeight = 440;
    private const double MinRadius = 9, MaxRadius = 44, Margin = 70, Gap = 34;
    private const double AssumedSpeedKmH = 30;
    private static readonly double[] s_ringKm = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000];

    /// <summary>The map of <paramref name="zones"/> joined by <paramref name="roads"/>.</summary>
    public static MapPicture Of(IReadOnlyList<TracedZone> zones, IReadOnlyList<TracedRoad> roads)
    {
        int n = zones.Count;
        double largest = Math.Max(1, zones.Max(Size));
        double[] radius = [.. zones.Select(z => MinRadius + ((MaxRadius - MinRadius) * Math.Sqrt(Size(z) / largest)))];
        int placed = zones.Count(z => z.XKm is not null);
        var (x, y) = placed == n ? Given(zones) : Stress(zones, roads);
        bool inKm = placed > 0;
        double scale0 = inKm ? LogScale(x, y) : 0;
        if (inKm)
        {
            (x, y) = Compress(x, y, scale0);
        }

        var (toX, toY, s, height) = Fit(x, y, inKm);
        var picture = new PlacedZone[n];
        var px = x.Select(toX).ToArray();
        var py = y.Select(toY).ToArray();
        Separate(px, py, radius, height);
        for (int i = 0; i < n; i++)
        {
            picture[i] = new PlacedZone(Math.Round(px[i], 2), Math.Round(py[i], 2), Math.Round(radius[i], 2));
        }

        double maxKm = inKm ? zones.Where(z => z.XKm is not null).Max(z => Math.Sqrt((z.XKm!.Value * z.XKm.Value) + (z.YKm!.Value * z.YKm.Value))) : 0;
        var rings = inKm ? s_ringKm.Where(k => k <= maxKm * 1.05).Select(k => new MapRing(k, Math.Round(Math.Log(1 + (k / scale0)) * s, 2))).ToList() : [];
        string caption = placed == n
            ? "Zones at their map positions from the scenario (zones.<id>.map, km from its reference point); distance from it drawn on a log scale, circles nudged apart where they would overlap."
            : placed == 0
                ? "Automatic layout (the scenario gives no zones.<id>.map positions): zones are as far apart as the shortest road travel time between them; directions mean nothing."
                : $"{placed} of {n} zones at their map positions (zones.<id>.map, km); the others placed by road travel time at {AssumedSpeed(zones, roads):0.#} km/h; distance drawn on a log scale.";
        return new MapPicture(picture, rings, Math.Round(toX(0), 2), Math.Round(toY(0), 2), height, placed == n ? "given" : placed == 0 ? "automatic" : "partial", caption);
    }

    /// <summary>What a circle's area stands for: residents, or for shelters and hospitals their places or beds.</summary>
    public static double Size(TracedZone z) => Math.Max(z.Residents, Math.Max(z.ShelterCapacity, z.Beds));

    private static (double[] X, double[] Y) Given(IReadOnlyList<TracedZone> zones) =>
        ([.. zones.Select(z => z.XKm!.Value)], [.. zones.Select(z => z.YKm!.Value)]);

    /// <summary>The log scale's knee: half the distance of the nearest zone to the reference point (at least 50 m), so the nearest zones are spread apart.</summary>
    private static double LogScale(double[] x, double[] y)
    {
        var r = x.Select((xi, i) => Math.Sqrt((xi * xi) + (y[i] * y[i]))).Where(d => d > 0).ToArray();
        return r.Length == 0 ? 1 : Math.Max(0.05, r.Min() / 2);
    }

    private static (double[] X, double[] Y) Compress(double[] x, double[] y, double knee)
    {
        var cx = new double[x.Length];
        var cy = new double[y.Length];
        for (int i = 0; i < x.Length; i++)
        {
            double r = Math.Sqrt((x[i] * x[i]) + (y[i] * y[i]));
            double f = r == 0 ? 0 : Math.Log(1 + (r / knee)) / r;
            (cx[i], cy[i]) = (x[i] * f, y[i] * f);
        }

        return (cx, cy);
    }

    /// <summary>
    /// The map's transformation: uniform scale into the drawing, north up, with the reference point inside when positions
    /// are in km; the drawing is as high as the zones need (between <see cref="MinHeight"/> and <see cref="MaxHeight"/>).
    /// </summary>
    private static (Func<double, double> X, Func<double, double> Y, double Scale, double Height) Fit(double[] x, double[] y, bool withOrigin)
    {
        double minX = x.Min(), maxX = x.Max(), minY = y.Min(), maxY = y.Max();
        if (withOrigin)
        {
            (minX, maxX, minY, maxY) = (Math.Min(minX, 0), Math.Max(maxX, 0), Math.Min(minY, 0), Math.Max(maxY, 0));
        }

        double spanX = Math.Max(maxX - minX, 1e-9), spanY = Math.Max(maxY - minY, 1e-9);
        double s = Math.Min((Width - (2 * Margin)) / spanX, (MaxHeight - (2 * Margin)) / spanY);
        double height = Math.Round(Math.Clamp((spanY * s) + (2 * Margin), MinHeight, MaxHeight));
        double offX = (Width - (spanX * s)) / 2, offY = (height - (spanY * s)) / 2;
        return (v => offX + ((v - minX) * s), v => height - offY - ((v - minY) * s), s, height);
    }

    /// <summary>Pushes overlapping circles apart, pair by pair in index order, then keeps them inside the drawing.</summary>
    private static void Separate(double[] x, double[] y, double[] r, double height)
    {
        for (int round = 0; round < 200; round++)
        {
            bool moved = false;
            for (int i = 0; i < x.Length; i++)
            {
                for (int j = i + 1; j < x.Length; j++)
                {
                    double dx = x[j] - x[i], dy = y[j] - y[i], d = Math.Sqrt((dx * dx) + (dy * dy)), need = r[i] + r[j] + Gap;
                    if (d >= need)
                    {
                        continue;
                    }

                    if (d < 1e-6)
                    {
                        double a = (j * 2.399963) % (2 * Math.PI); // the golden angle: coincident zones leave in different directions
                        (dx, dy, d) = (Math.Cos(a), Math.Sin(a), 1);
                    }

                    double push = (need - d) / 2 / d;
                    (x[i], y[i], x[j], y[j]) = (x[i] - (dx * push), y[i] - (dy * push), x[j] + (dx * push), y[j] + (dy * push));
                    moved = true;
                }
            }

            for (int i = 0; i < x.Length; i++)
            {
                x[i] = Math.Clamp(x[i], r[i] + 4, Width - r[i] - 4);
                y[i] = Math.Clamp(y[i], r[i] + 4, height - r[i] - 20);
            }

            if (!moved)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Stress majorisation (each free zone in turn moves to where its distances to the others best match the shortest
    /// travel times between them, weighted by 1/d²), from a circle; zones with a map position stay put, and then the
    /// travel times are turned into km at the speed the positioned roads show.
    /// </summary>
    private static (double[] X, double[] Y) Stress(IReadOnlyList<TracedZone> zones, IReadOnlyList<TracedRoad> roads)
    {
        int n = zones.Count;
        double speed = zones.Any(z => z.XKm is not null) ? AssumedSpeed(zones, roads) : 1;
        var d = ShortestTimes(n, roads);
        double far = 0;
        foreach (double v in d)
        {
            far = double.IsFinite(v) ? Math.Max(far, v) : far;
        }

        far = far > 0 ? far : 1;
        var x = new double[n];
        var y = new double[n];
        var fixedZone = zones.Select(z => z.XKm is not null).ToArray();
        double cx = fixedZone.Any(f => f) ? zones.Where(z => z.XKm is not null).Average(z => z.XKm!.Value) : 0;
        double cy = fixedZone.Any(f => f) ? zones.Where(z => z.YKm is not null).Average(z => z.YKm!.Value) : 0;
        for (int i = 0; i < n; i++)
        {
            double a = 2 * Math.PI * i / n;
            (x[i], y[i]) = fixedZone[i] ? (zones[i].XKm!.Value, zones[i].YKm!.Value) : (cx + (far * speed / 2 * Math.Cos(a)), cy + (far * speed / 2 * Math.Sin(a)));
        }

        for (int sweep = 0; sweep < 300; sweep++)
        {
            for (int i = 0; i < n; i++)
            {
                if (!fixedZone[i])
                {
                    MoveToBestFit(i, x, y, d, far * 1.5, speed);
                }
            }
        }

        return (x, y);
    }

    private static void MoveToBestFit(int i, double[] x, double[] y, double[,] d, double unreachable, double speed)
    {
        double sx = 0, sy = 0, sw = 0;
        for (int j = 0; j < x.Length; j++)
        {
            if (j == i)
            {
                continue;
            }

            double target = (double.IsFinite(d[i, j]) ? d[i, j] : unreachable) * speed;
            double w = 1 / (target * target);
            double dx = x[i] - x[j], dy = y[i] - y[j], dist = Math.Sqrt((dx * dx) + (dy * dy));
            if (dist < 1e-9)
            {
                (dx, dy, dist) = (Math.Cos(i + j), Math.Sin(i + j), 1); // coincident: any direction, the same every run
            }

            sx += w * (x[j] + (target * dx / dist));
            sy += w * (y[j] + (target * dy / dist));
            sw += w;
        }

        (x[i], y[i]) = (sx / sw, sy / sw);
    }

    /// <summary>Shortest free-flow travel times between every two zones over the roads (Floyd–Warshall; infinity: no route).</summary>
    public static double[,] ShortestTimes(int n, IReadOnlyList<TracedRoad> roads)
    {
        var d = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                d[i, j] = i == j ? 0 : double.PositiveInfinity;
            }
        }

        foreach (var r in roads.Where(r => r.From != r.To))
        {
            d[r.From, r.To] = d[r.To, r.From] = Math.Min(d[r.From, r.To], r.TravelTimeH);
        }

        for (int k = 0; k < n; k++)
        {
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    d[i, j] = Math.Min(d[i, j], d[i, k] + d[k, j]);
                }
            }
        }

        return d;
    }

    /// <summary>The median km per hour of the roads whose both ends have map positions, or 30 km/h without any.</summary>
    private static double AssumedSpeed(IReadOnlyList<TracedZone> zones, IReadOnlyList<TracedRoad> roads)
    {
        var speeds = roads.Where(r => zones[r.From].XKm is not null && zones[r.To].XKm is not null && r.From != r.To)
            .Select(r => Math.Sqrt(Math.Pow(zones[r.From].XKm!.Value - zones[r.To].XKm!.Value, 2) + Math.Pow(zones[r.From].YKm!.Value - zones[r.To].YKm!.Value, 2)) / r.TravelTimeH)
            .Where(v => v > 0).Order().ToArray();
        return speeds.Length == 0 ? AssumedSpeedKmH : speeds[speeds.Length / 2];
    }
}
