using HealthDw.Functions.Runtime;
using HealthDw.Lambda;

// The provided.al2023 custom runtime: init once (configuration, clients, secrets), then serve
// invocations from the Lambda Runtime API until the environment is shut down.
var environment = new ProcessEnvironmentVariables();
var time = TimeProvider.System;
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
var host = new LambdaHost(LambdaRuntimeClient.FromEnvironment(environment), environment,
    ct => AwsPipeline.HandlersAsync(environment, http, ct), new InvocationLog(Console.Out, time), new EmbeddedMetricWriter(Console.Out, time), time);
try
{
    await host.RunAsync(CancellationToken.None);
    return 0;
}
catch (LambdaInitException)
{
    return 1; // already reported to the Runtime API as an init error
}
