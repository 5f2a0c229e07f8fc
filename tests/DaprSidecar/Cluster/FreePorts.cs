using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace AgentPlatform.DaprSidecar.Cluster;

/// <summary>Free TCP ports on 127.0.0.1 for sidecars and the apps of tests, taken below the operating system's ephemeral
/// range where it is known: a port the system hands out for <c>bind(0)</c> may be given to an outgoing connection
/// before the listener that chose it binds, while ports below that range are only ever taken on purpose. A port is handed
/// out once per process: tests running side by side hold ports they chose but have not bound yet.</summary>
public static class FreePorts
{
    private const int LowestPort = 10_000;
    private const string EphemeralRange = "/proc/sys/net/ipv4/ip_local_port_range";
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>Takes <paramref name="count"/> distinct ports that were free when checked (held open together while
    /// choosing, so none is handed out twice).</summary>
    public static IReadOnlyList<int> Take(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            var highest = FirstEphemeralPort() - 1;
            for (var attempt = 0; listeners.Count < count && attempt < 100 * count; attempt++)
            {
                var port = highest > LowestPort ? RandomNumberGenerator.GetInt32(LowestPort, highest + 1) : 0;
                if (port != 0 && IsHandedOut(port))
                {
                    continue;
                }

                var listener = new TcpListener(IPAddress.Loopback, port);
                try
                {
                    listener.Start();
                    listeners.Add(listener);
                }
                catch (SocketException)
                {
                    listener.Stop();
                }
            }

            if (listeners.Count < count)
            {
                throw new InvalidOperationException($"could not find {count} free loopback ports");
            }

            var ports = listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToList();
            lock (HandedOut)
            {
                HandedOut.UnionWith(ports);
            }

            return ports;
        }
        finally
        {
            listeners.ForEach(listener => listener.Stop());
        }
    }

    /// <summary>Takes one free loopback port.</summary>
    public static int TakeOne() => Take(1)[0];

    private static bool IsHandedOut(int port)
    {
        lock (HandedOut)
        {
            return HandedOut.Contains(port);
        }
    }

    private static int FirstEphemeralPort()
    {
        try
        {
            var first = File.ReadAllText(EphemeralRange).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0];
            return int.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // Unknown range (not Linux): let the system choose.
            return 0;
        }
    }
}
