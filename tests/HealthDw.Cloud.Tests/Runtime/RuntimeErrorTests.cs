using HealthDw.Functions.Runtime;

namespace HealthDw.Cloud.Tests.Runtime;

public sealed class RuntimeErrorTests
{
    [Fact]
    public void From_WhenExceptionWasThrown_ShouldKeepMessageApartFromFrames()
    {
        var error = RuntimeError.From(Thrown(() => throw new InvalidOperationException("ledger row already claimed")));

        error.ErrorType.Should().Be("InvalidOperationException");
        error.ErrorMessage.Should().Be("ledger row already claimed");
        error.StackTrace.Should().NotBeEmpty().And.Contain(f => f.Contains(nameof(Thrown), StringComparison.Ordinal));
    }

    [Fact]
    public void From_WhenExceptionIsStepError_ShouldUseItsErrorNameAndSendNoFrames()
    {
        var error = RuntimeError.From(Thrown(() => throw new StepFailedException("x")));

        error.ErrorType.Should().Be("ValidationFailed");
        error.StackTrace.Should().BeEmpty("a step's own error is an answer for the console, not a bug to debug");
    }

    [Fact]
    public void ToJson_WhenMessageHasQuotesAndUnicode_ShouldWriteValidJson()
    {
        var json = new RuntimeError("E", "key \"café/中.csv\"\nline 2", ["A.B()"]).ToJson();

        using var parsed = System.Text.Json.JsonDocument.Parse(json);
        parsed.RootElement.GetProperty("errorMessage").GetString().Should().Be("key \"café/中.csv\"\nline 2");
        parsed.RootElement.GetProperty("stackTrace")[0].GetString().Should().Be("A.B()");
    }

    private static Exception Thrown(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            return e;
        }

        throw new InvalidOperationException("nothing was thrown");
    }
}
