namespace CrisisSim.Core.Experiments;

/// <summary>
/// Runs a list of runs on N worker threads and hands the outcomes to one consumer strictly in run order,
/// so output bytes never depend on the thread count. Workers run ahead of the consumer by at most a
/// small window (4 runs per worker), which bounds memory however long the sweep. A run that throws is an
/// outcome like any other (the executor catches it); cancellation stops new runs from starting and lets
/// the consumer write every run finished in order.
/// </summary>
public static class SweepRunner
{
    /// <summary>Runs <paramref name="runs"/> with <paramref name="execute"/> on <paramref name="threads"/> threads, calling <paramref name="consume"/> in order on the calling thread. Returns how many were consumed.</summary>
    public static int Run(IReadOnlyList<RunSpec> runs, Func<RunSpec, RunOutcome> execute, int threads, Action<RunOutcome> consume, CancellationToken cancel)
    {
        if (runs.Count == 0)
        {
            return 0;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        return new Sweep(runs, execute, Math.Clamp(threads, 1, runs.Count), stop).Run(consume);
    }

    /// <summary>
    /// The state the workers and the consumer share: finished outcomes by run index, the next run to start, how
    /// many are consumed (workers wait while they are a window ahead of it) and how many workers still run.
    /// </summary>
    private sealed class Sweep(IReadOnlyList<RunSpec> runs, Func<RunSpec, RunOutcome> execute, int threads, CancellationTokenSource stop)
    {
        private readonly int _n = runs.Count;
        private readonly RunOutcome?[] _done = new RunOutcome?[runs.Count];
        private readonly object _gate = new();
        private readonly int _threads = threads;
        private readonly int _window = threads * 4;
        private readonly CancellationToken _cancel = stop.Token;
        private int _next = -1;
        private int _consumed;
        private int _running = threads;
        private Exception? _fatal;

        public int Run(Action<RunOutcome> consume)
        {
            var workers = new Thread[_threads];
            for (int t = 0; t < _threads; t++)
            {
                workers[t] = new Thread(Work) { IsBackground = true, Name = $"crisissim-worker-{t}" };
                workers[t].Start();
            }

            try
            {
                ConsumeInOrder(consume);
            }
            finally
            {
                stop.Cancel(); // a failing consumer (e.g. a full disk) stops the workers too
                lock (_gate)
                {
                    Monitor.PulseAll(_gate);
                }

                foreach (var w in workers)
                {
                    w.Join();
                }
            }

            if (_fatal is not null)
            {
                throw new InvalidOperationException("a sweep worker failed: " + _fatal.Message, _fatal);
            }

            return _consumed;
        }

        private void Work()
        {
            try
            {
                while (!_cancel.IsCancellationRequested)
                {
                    int i = Interlocked.Increment(ref _next);
                    if (i >= _n)
                    {
                        break;
                    }

                    lock (_gate)
                    {
                        while (i >= Volatile.Read(ref _consumed) + _window && !_cancel.IsCancellationRequested)
                        {
                            Monitor.Wait(_gate, 200);
                        }
                    }

                    if (_cancel.IsCancellationRequested)
                    {
                        break;
                    }

                    var outcome = execute(runs[i]);
                    lock (_gate)
                    {
                        _done[i] = outcome;
                        Monitor.PulseAll(_gate);
                    }
                }
            }
            catch (Exception ex)
            {
                lock (_gate)
                {
                    _fatal ??= ex;
                }

                stop.Cancel(); // the other workers stop too, else they wait at the window for a run that never comes
            }
            finally
            {
                lock (_gate)
                {
                    _running--;
                    Monitor.PulseAll(_gate);
                }
            }
        }

        private void ConsumeInOrder(Action<RunOutcome> consume)
        {
            for (int k = 0; k < _n; k++)
            {
                RunOutcome? outcome;
                lock (_gate)
                {
                    while ((outcome = _done[k]) is null && _running > 0)
                    {
                        Monitor.Wait(_gate, 200);
                    }

                    _done[k] = null; // release the outcome's memory once consumed
                }

                if (outcome is null)
                {
                    break; // cancelled (or failed) before run k finished
                }

                consume(outcome);
                lock (_gate)
                {
                    _consumed = k + 1;
                    Monitor.PulseAll(_gate);
                }
            }
        }
    }
}
