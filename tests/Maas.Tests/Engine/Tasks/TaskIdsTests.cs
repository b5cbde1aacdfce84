using Maas.Engine.Tasks;

namespace Maas.Tests.Engine.Tasks;

/// <summary>The platform's free-text task ids map to stable RFC 4122 version 5 saga ids.</summary>
public sealed class TaskIdsTests
{
    private const string SeedTaskId = "code_generation_a4e953b2_20250613_050638";

    [Fact]
    public void Maps_the_same_task_id_to_the_same_guid_every_time()
    {
        Assert.Equal(TaskIds.ToCorrelationId(SeedTaskId), TaskIds.ToCorrelationId(new string(SeedTaskId.ToCharArray())));
    }

    [Theory]
    [InlineData(SeedTaskId, "code_generation_a4e953b2_20250613_050639")]
    [InlineData("a", "A")]
    [InlineData("", " ")]
    [InlineData("task", "task ")]
    public void Maps_different_task_ids_to_different_guids(string first, string second)
    {
        Assert.NotEqual(TaskIds.ToCorrelationId(first), TaskIds.ToCorrelationId(second));
    }

    [Theory]
    [InlineData(SeedTaskId)]
    [InlineData("")]
    [InlineData("tâche_é_日本語_🚀")]
    public void Writes_version_5_and_the_rfc_4122_variant(string taskId)
    {
        var text = TaskIds.ToCorrelationId(taskId).ToString("D");

        Assert.Equal('5', text[14]);
        Assert.Contains(text[19], "89ab");
    }

    /// <summary>
    /// Pins the mapping to the standard algorithm: the expected values are Python's <c>uuid.uuid5</c> with the engine's
    /// namespace, so stored saga rows never drift, and the 512-byte boundary of the stack buffer is crossed.
    /// </summary>
    [Theory]
    [InlineData(SeedTaskId, "0b0e9960-a203-56b5-a3f3-80a4427dfac2")]
    [InlineData("tâche_é_日本語_🚀", "606d533d-f3fc-5571-9afe-931bcd4d3ac3")]
    public void Matches_the_standard_uuid5_of_the_engine_namespace(string taskId, string expected)
    {
        Assert.Equal(Guid.Parse(expected), TaskIds.ToCorrelationId(taskId));
    }

    [Theory]
    [InlineData('x', 512, "279bc21f-e955-51a8-b08f-b5cee3ebc169")]
    [InlineData('x', 513, "56161fd5-79e5-5a59-bb8d-b034d0b4c37e")]
    [InlineData('é', 300, "a3178e7f-80cc-5245-b976-a3e0d8809654")]
    public void Maps_long_task_ids_on_either_side_of_the_stack_buffer(char character, int count, string expected)
    {
        Assert.Equal(Guid.Parse(expected), TaskIds.ToCorrelationId(new string(character, count)));
    }

    [Fact]
    public void Maps_a_very_long_task_id()
    {
        var taskId = new string('y', 100_000);

        Assert.Equal(TaskIds.ToCorrelationId(taskId), TaskIds.ToCorrelationId(taskId));
        Assert.NotEqual(TaskIds.ToCorrelationId(taskId), TaskIds.ToCorrelationId(taskId[..^1]));
    }

    [Fact]
    public void Refuses_a_null_task_id()
    {
        Assert.Throws<ArgumentNullException>(() => TaskIds.ToCorrelationId(null!));
    }
}
