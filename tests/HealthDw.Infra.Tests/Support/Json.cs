using Amazon.CDK.Assertions;

namespace HealthDw.Infra.Tests.Support;

/// <summary>Short builders for the nested objects and arrays that <see cref="Template"/> assertions take.</summary>
public static class Json
{
    public static Dictionary<string, object> Obj(params (string Key, object Value)[] members) =>
        members.ToDictionary(m => m.Key, m => m.Value);

    public static object[] Arr(params object[] items) => items;

    /// <summary>A subset match: the template's object may hold more keys.</summary>
    public static Matcher Like(params (string Key, object Value)[] members) => Match.ObjectLike(Obj(members));
}
