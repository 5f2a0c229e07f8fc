using System.Reflection;
using AgentPlatform.Bench;

var suites = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => t.IsSubclassOf(typeof(BenchSuite)) && !t.IsAbstract)
    .Select(t => (BenchSuite)Activator.CreateInstance(t)!)
    .OrderBy(s => s.Name, StringComparer.Ordinal)
    .ToList();

var selected = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
var runs = args.Contains("--quick") ? 1 : 3;
if (selected.Count == 0)
{
    Console.WriteLine("usage: dotnet run -c Release --project bench/Bench -- <suite>... [--quick]");
    foreach (var suite in suites)
    {
        Console.WriteLine($"  {suite.Name,-20} {suite.Description}");
    }

    return 1;
}

var report = new BenchReport(Console.Out, runs);
foreach (var suite in suites.Where(s => selected.Contains(s.Name) || selected.Contains("all")))
{
    Console.WriteLine($"## {suite.Name}: {suite.Description}");
    Console.WriteLine();
    Console.WriteLine("| metric | min | median | max | unit |");
    Console.WriteLine("| --- | ---: | ---: | ---: | --- |");
    await suite.RunAsync(report, CancellationToken.None);
    Console.WriteLine();
}

return 0;
