using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrisisSim.Tests.Support;

/// <summary>
/// Debian's Chromium, headless, driven over its DevTools protocol (a WebSocket; no Node, no library): open a page, run
/// script in it, press keys, and collect every console error and uncaught exception the page raised. The browser runs
/// with a fresh profile and without network services, and is killed on dispose.
/// </summary>
public sealed class HeadlessChromium : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);
    private readonly Process _process;
    private readonly TempDir _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly Dictionary<int, TaskCompletionSource<JsonElement>> _pending = [];
    private readonly List<string> _errors = [];
    private readonly Lock _gate = new();
    private readonly Task _receiving;
    private TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextId;

    private HeadlessChromium(Process process, TempDir profile, Uri page)
    {
        _process = process;
        _profile = profile;
        _socket.ConnectAsync(page, CancellationToken.None).Wait(s_timeout);
        _receiving = Task.Run(ReceiveLoop);
        Send("Runtime.enable");
        Send("Log.enable");
        Send("Page.enable");
    }

    /// <summary>Console errors, uncaught exceptions and error log entries of the pages opened so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_gate)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Starts Chromium (<see cref="AnalysisTools.Chromium"/>) on a blank page and connects to it.</summary>
    public static HeadlessChromium Start()
    {
        var profile = new TempDir();
        var psi = new ProcessStartInfo(AnalysisTools.Chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.Path}", "--remote-debugging-port=0",
            "--window-size=1400,1000", "about:blank",
        })
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return new HeadlessChromium(process, profile, PageSocket(Port(profile.Path, process)));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            profile.Dispose();
            throw;
        }
    }

    /// <summary>Opens <paramref name="path"/> and waits for its load event.</summary>
    public void Open(string path)
    {
        _loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Send("Page.navigate", new JsonObject { ["url"] = new Uri(path).AbsoluteUri });
        Assert.That(_loaded.Task.Wait(s_timeout), Is.True, $"{path} loaded within {s_timeout.TotalSeconds} s");
    }

    /// <summary>The value of <paramref name="expression"/> in the page (JSON-serialisable), failing on an exception.</summary>
    public JsonElement Evaluate(string expression)
    {
        var result = Send("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true });
        if (result.TryGetProperty("exceptionDetails", out var ex))
        {
            Assert.Fail($"{expression}: {ex}");
        }

        return result.GetProperty("result").TryGetProperty("value", out var v) ? v.Clone() : default;
    }

    /// <summary>Presses and releases <paramref name="key"/> (a DOM key name such as ArrowRight) where the focus is.</summary>
    public void Press(string key, int keyCode)
    {
        foreach (string type in new[] { "rawKeyDown", "keyUp" })
        {
            Send("Input.dispatchKeyEvent", new JsonObject { ["type"] = type, ["key"] = key, ["code"] = key, ["windowsVirtualKeyCode"] = keyCode });
        }
    }

    /// <summary>Sends one DevTools command and waits for its result.</summary>
    public JsonElement Send(string method, JsonObject? parameters = null)
    {
        var done = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        int id;
        lock (_gate)
        {
            id = ++_nextId;
            _pending[id] = done;
        }

        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };
        _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None).Wait(s_timeout);
        Assert.That(done.Task.Wait(s_timeout), Is.True, $"{method} answered within {s_timeout.TotalSeconds} s");
        return done.Task.Result;
    }

    private async Task ReceiveLoop()
    {
        var buffer = new byte[1 << 16];
        var text = new MemoryStream();
        while (_socket.State == WebSocketState.Open)
        {
            WebSocketReceiveResult r;
            try
            {
                r = await _socket.ReceiveAsync(buffer, CancellationToken.None);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                return; // the socket was closed: Dispose
            }

            text.Write(buffer, 0, r.Count);
            if (!r.EndOfMessage)
            {
                continue;
            }

            using var doc = JsonDocument.Parse(text.ToArray());
            text.SetLength(0);
            Handle(doc.RootElement);
        }
    }

    private void Handle(JsonElement message)
    {
        if (message.TryGetProperty("id", out var id))
        {
            TaskCompletionSource<JsonElement>? done;
            lock (_gate)
            {
                _pending.Remove(id.GetInt32(), out done);
            }

            done?.TrySetResult(message.TryGetProperty("result", out var result) ? result.Clone() : message.Clone());
            return;
        }

        string method = message.GetProperty("method").GetString()!;
        var p = message.GetProperty("params");
        string? error = method switch
        {
            "Runtime.exceptionThrown" => "exception: " + p.GetProperty("exceptionDetails"),
            "Runtime.consoleAPICalled" when p.GetProperty("type").GetString() is "error" or "assert" => "console." + p.GetProperty("type").GetString() + ": " + p.GetProperty("args"),
            "Log.entryAdded" when p.GetProperty("entry").GetProperty("level").GetString() == "error" => "log: " + p.GetProperty("entry").GetProperty("text").GetString(),
            _ => null,
        };
        if (error is not null)
        {
            lock (_gate)
            {
                _errors.Add(error);
            }
        }

        if (method == "Page.loadEventFired")
        {
            _loaded.TrySetResult();
        }
    }

    /// <summary>The DevTools port Chromium chose, from the DevToolsActivePort file it writes into its profile.</summary>
    private static int Port(string profile, Process process)
    {
        string file = Path.Combine(profile, "DevToolsActivePort");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < s_timeout)
        {
            if (File.Exists(file) && File.ReadAllLines(file) is [var port, ..] && int.TryParse(port, out int p))
            {
                return p;
            }

            Assert.That(process.HasExited, Is.False, "Chromium started");
            Thread.Sleep(50);
        }

        Assert.Fail($"Chromium wrote no {file} within {s_timeout.TotalSeconds} s");
        return 0;
    }

    /// <summary>The WebSocket of the browser's one page.</summary>
    private static Uri PageSocket(int port)
    {
        using var http = new HttpClient { Timeout = s_timeout };
        string list = http.GetStringAsync($"http://127.0.0.1:{port}/json/list").Result;
        using var doc = JsonDocument.Parse(list);
        var page = doc.RootElement.EnumerateArray().First(t => t.GetProperty("type").GetString() == "page");
        return new Uri(page.GetProperty("webSocketDebuggerUrl").GetString()!);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            _socket.Abort();
            _socket.Dispose();
            _receiving.ContinueWith(_ => { }, TaskScheduler.Default).Wait(TimeSpan.FromSeconds(2));
        }
        finally
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }

            _process.Dispose();
            _profile.Dispose();
        }
    }
}
