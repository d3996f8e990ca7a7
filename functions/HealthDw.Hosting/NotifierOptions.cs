namespace HealthDw.Hosting;

/// <summary>Where notifications go.</summary>
/// <param name="OutboxFolder">The local outbox (one JSON line per notification); null writes them to the log instead.</param>
/// <param name="SlackSecretId">The secret holding the Slack webhook URL; null sends nothing to Slack.</param>
/// <param name="SlackOnlyIfSecretExists">Look the secret up at start-up and leave Slack out when there is none (locally: the
/// webhook is optional). On AWS the id is configured and the secret is read only when a message is sent (the extension answers
/// only during an invocation).</param>
/// <remarks>With Slack and an outbox, each message goes to both; with Slack and no outbox, to Slack alone.</remarks>
public sealed record NotifierOptions(string? OutboxFolder, string? SlackSecretId, bool SlackOnlyIfSecretExists = false);
