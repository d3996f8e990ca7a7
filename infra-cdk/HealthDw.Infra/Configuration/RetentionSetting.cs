using Amazon.CDK;
using Amazon.CDK.AWS.Logs;

namespace HealthDw.Infra.Configuration;

/// <summary>Days (as stages.json gives them) to CloudWatch Logs' retention values.</summary>
public static class RetentionSetting
{
    private static readonly Dictionary<int, RetentionDays> Allowed = new()
    {
        [1] = RetentionDays.ONE_DAY, [3] = RetentionDays.THREE_DAYS, [5] = RetentionDays.FIVE_DAYS, [7] = RetentionDays.ONE_WEEK,
        [14] = RetentionDays.TWO_WEEKS, [30] = RetentionDays.ONE_MONTH, [60] = RetentionDays.TWO_MONTHS,
        [90] = RetentionDays.THREE_MONTHS, [120] = RetentionDays.FOUR_MONTHS, [150] = RetentionDays.FIVE_MONTHS,
        [180] = RetentionDays.SIX_MONTHS, [365] = RetentionDays.ONE_YEAR, [400] = RetentionDays.THIRTEEN_MONTHS,
        [545] = RetentionDays.EIGHTEEN_MONTHS, [731] = RetentionDays.TWO_YEARS, [1096] = RetentionDays.THREE_YEARS,
        [1827] = RetentionDays.FIVE_YEARS, [2192] = RetentionDays.SIX_YEARS, [2557] = RetentionDays.SEVEN_YEARS,
        [2922] = RetentionDays.EIGHT_YEARS, [3288] = RetentionDays.NINE_YEARS, [3653] = RetentionDays.TEN_YEARS,
    };

    public static RetentionDays FromDays(int days, string stage) =>
        Allowed.TryGetValue(days, out var value)
            ? value
            : throw new InvalidOperationException(
                $"stages.json: {stage}.logRetentionDays is {days}; CloudWatch Logs allows {string.Join(", ", Allowed.Keys)}");

    /// <summary>
    /// A production stage keeps its log groups when the stack (or a log group's resource) is deleted: they are the
    /// record of what happened to each file. Other stages let them go with the stack.
    /// </summary>
    public static RemovalPolicy LogGroupRemoval(StageSettings stage) => stage.Production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}
