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

        threads = Math.Clamp(threads, 1, runs.Count);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var sweep = new OrderedSweep(runs, execute, consume, threads, stop.Token);
        var workers = sweep.StartWorkers();
        try
        {
            sweep.ConsumeInOrder();
        }
        finally
        {
            stop.Cancel(); // a failing consumer (e.g. a full disk) stops the workers too
            sweep.WakeAll();
            foreach (var w in workers)
            {
                w.Join();
            }
        }

        sweep.ThrowIfAWorkerFailed();
        return sweep.Consumed;
    }

    /// <summary>
    /// What the workers and the consumer share: the next run to claim, the finished outcomes not yet
    /// consumed, how many are consumed, how many workers still run and the first exception that escaped a
    /// worker. One lock (the gate) guards them; every change another side waits for pulses it.
    /// </summary>
    private sealed class OrderedSweep
    {
        private readonly IReadOnlyList<RunSpec> _runs;
        private readonly Func<RunSpec, RunOutcome> _execute;
        private readonly Action<RunOutcome> _consume;
        private readonly int _threads;
        private readonly CancellationToken _cancel;
        private readonly RunOutcome?[] _done;
        private readonly object _gate = new();
        private readonly int _window;
        private int _next = -1;
        private int _consumed;
        private int _running;
        private Exception? _fatal;

        public OrderedSweep(IReadOnlyList<RunSpec> runs, Func<RunSpec, RunOutcome> execute, Action<RunOutcome> consume, int threads, CancellationToken cancel)
        {
            _runs = runs;
            _execute = execute;
            _consume = consume;
            _threads = threads;
            _cancel = cancel;
            _done = new RunOutcome?[runs.Count];
            _window = threads * 4;
            _running = threads;
        }

        /// <summary>How many outcomes the consumer has taken, in run order.</summary>
        public int Consumed => _consumed;

        public Thread[] StartWorkers()
        {
            var workers = new Thread[_threads];
            for (int t = 0; t < _threads; t++)
            {
                workers[t] = new Thread(Work) { IsBackground = true, Name = $"crisissim-worker-{t}" };
                workers[t].Start();
            }

            return workers;
        }

        /// <summary>Hands the outcomes to the consumer in run order, stopping at the first run that no worker will finish.</summary>
        public void ConsumeInOrder()
        {
            for (int k = 0; k < _runs.Count; k++)
            {
                RunOutcome? outcome = Take(k);
                if (outcome is null)
                {
                    break; // cancelled (or failed) before run k finished
                }

                _consume(outcome);
                lock (_gate)
                {
                    _consumed = k + 1;
                    Monitor.PulseAll(_gate);
                }
            }
        }

        /// <summary>Wakes every waiting worker, so that one waiting for the window sees a cancellation at once.</summary>
        public void WakeAll()
        {
            lock (_gate)
            {
                Monitor.PulseAll(_gate);
            }
        }

        /// <summary>Rethrows, wrapped, the first exception that escaped a worker (not a run's: the executor catches those).</summary>
        public void ThrowIfAWorkerFailed()
        {
            if (_fatal is not null)
            {
                throw new InvalidOperationException("a sweep worker failed: " + _fatal.Message, _fatal);
            }
        }

        /// <summary>A worker: claims runs in order and posts their outcomes until none is left or the sweep is cancelled.</summary>
        private void Work()
        {
            try
            {
                while (!_cancel.IsCancellationRequested)
                {
                    int i = Interlocked.Increment(ref _next);
                    if (i >= _runs.Count)
                    {
                        break;
                    }

                    WaitForWindow(i);
                    if (_cancel.IsCancellationRequested)
                    {
                        break;
                    }

                    var outcome = _execute(_runs[i]);
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

        /// <summary>Blocks while run <paramref name="i"/> is a window or more ahead of the consumer (this bounds memory), unless cancelled.</summary>
        private void WaitForWindow(int i)
        {
            lock (_gate)
            {
                while (i >= Volatile.Read(ref _consumed) + _window && !_cancel.IsCancellationRequested)
                {
                    Monitor.Wait(_gate, 200);
                }
            }
        }

        /// <summary>Waits for run <paramref name="k"/>'s outcome and takes it out of the buffer; null when every worker stopped without it.</summary>
        private RunOutcome? Take(int k)
        {
            lock (_gate)
            {
                RunOutcome? outcome;
                while ((outcome = _done[k]) is null && _running > 0)
                {
                    Monitor.Wait(_gate, 200);
                }

                _done[k] = null; // release the outcome's memory once consumed
                return outcome;
            }
        }
    }
}
