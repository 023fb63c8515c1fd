using System.Text.Json;
using SdfLearn.Nn.Training;

namespace SdfLearn.Tests.Nn.Distributed;

public class DataParallelStateTests
{
    [Fact]
    public void StateWithoutRankCount_FromBeforeRanksWereRecorded_IsOneRank()
    {
        var state = JsonSerializer.Deserialize<TrainingState>(
            """{"Epoch":1,"Batch":2,"Step":8,"EpochSums":{"Total":0.5,"Parts":{}},"EpochSeconds":1.5,"History":[]}""");
        Assert.Equal(1, state!.Ranks);
        Assert.Contains("\"Ranks\":2", JsonSerializer.Serialize(state with { Ranks = 2 }));
    }
}
