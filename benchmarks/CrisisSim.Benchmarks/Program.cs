using BenchmarkDotNet.Running;

namespace CrisisSim.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project benchmarks/CrisisSim.Benchmarks -- --filter '*'</c>.
/// Any BenchmarkDotNet command-line option works (--list flat, --filter '*Steady*', --job short, …).
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
