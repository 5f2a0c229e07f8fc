using System.Net;
using System.Net.Sockets;

namespace AgentPlatform.DaprSidecar.Cluster;

/// <summary>Free TCP ports on 127.0.0.1, for sidecars and the apps of tests.</summary>
public static class FreePorts
{
    /// <summary>Takes <paramref name="count"/> distinct free loopback ports (held open together while choosing, so the
    /// operating system never hands out one twice).</summary>
    public static IReadOnlyList<int> Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
            return listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToList();
        }
        finally
        {
            listeners.ForEach(listener => listener.Stop());
        }
    }

    /// <summary>Takes one free loopback port.</summary>
    public static int TakeOne() => Take(1)[0];
}
