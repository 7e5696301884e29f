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
        int n = runs.Count;
        if (n == 0)
        {
            return 0;
        }

        threads = Math.Clamp(threads, 1, n);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        cancel = stop.Token;
        var done = new RunOutcome?[n];
        var gate = new object();
        int next = -1;
        int window = threads * 4;
        int consumed = 0;
        int running = threads;
        Exception? fatal = null;

        void Work()
        {
            try
            {
                while (!cancel.IsCancellationRequested)
                {
                    int i = Interlocked.Increment(ref next);
                    if (i >= n)
                    {
                        break;
                    }

                    lock (gate)
                    {
                        while (i >= Volatile.Read(ref consumed) + window && !cancel.IsCancellationRequested)
                        {
                            Monitor.Wait(gate, 200);
                        }
                    }

                    if (cancel.IsCancellationRequested)
                    {
                        break;
                    }

                    var outcome = execute(runs[i]);
                    lock (gate)
                    {
                        done[i] = outcome;
                        Monitor.PulseAll(gate);
                    }
                }
            }
            catch (Exception ex)
            {
                lock (gate)
                {
                    fatal ??= ex;
                }
            }
            finally
            {
                lock (gate)
                {
                    running--;
                    Monitor.PulseAll(gate);
                }
            }
        }

        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            workers[t] = new Thread(Work) { IsBackground = true, Name = $"crisissim-worker-{t}" };
            workers[t].Start();
        }

        try
        {
            ConsumeInOrder();
        }
        finally
        {
            stop.Cancel(); // a failing consumer (e.g. a full disk) stops the workers too
            lock (gate)
            {
                Monitor.PulseAll(gate);
            }

            foreach (var w in workers)
            {
                w.Join();
            }
        }

        if (fatal is not null)
        {
            throw new InvalidOperationException("a sweep worker failed: " + fatal.Message, fatal);
        }

        return consumed;

        void ConsumeInOrder()
        {
            for (int k = 0; k < n; k++)
            {
                RunOutcome? outcome;
                lock (gate)
                {
                    while ((outcome = done[k]) is null && running > 0)
                    {
                        Monitor.Wait(gate, 200);
                    }

                    done[k] = null; // release the outcome's memory once consumed
                }

                if (outcome is null)
                {
                    break; // cancelled (or failed) before run k finished
                }

                consume(outcome);
                lock (gate)
                {
                    consumed = k + 1;
                    Monitor.PulseAll(gate);
                }
            }
        }
    }
}
