namespace Qinglang.Text.Recall;

/// <summary>
/// Ordinary sentences, written for this harness, that a disguised word is embedded in (at <c>{0}</c>), and a few
/// paragraphs of everyday text with nothing to find, added to the seeds as clean text.
/// </summary>
public static class Sentences
{
    public static IReadOnlyList<string> Templates { get; } =
    [
        "昨天晚上朋友在群里发了一条消息，说{0}最近又开始流行了，大家要注意。",
        "我在评论区看到有人留言{0}，不知道是什么意思。",
        "{0}，详情请看主页。",
        "这篇文章的结尾写着：{0}",
        "今天天气不错，我们去公园散步，路上听到有人在说{0}这件事。",
        "Please check this: {0} thanks!",
    ];

    /// <summary>Everyday text: weather, cooking, a school notice, commuting, a product review, a library notice.</summary>
    public static IReadOnlyList<string> CleanParagraphs { get; } =
    [
        "今天早上下了一场小雨，气温比昨天低了五六度。出门的时候我特意多穿了一件外套，地铁上的人比平时少一些，"
            + "大概很多人选择在家办公。中午雨停了，太阳从云层后面露出来，街边的银杏叶已经黄了一大半。",
        "红烧肉的做法其实不难：五花肉切成两厘米见方的块，冷水下锅焯一下，捞出来沥干。锅里放少许油和冰糖，"
            + "小火炒出糖色，再把肉块倒进去翻炒均匀，加生抽、老抽、料酒和热水，大火烧开后转小火炖一个小时，最后大火收汁。",
        "各位家长：本学期期中考试安排在十一月第二周，请督促孩子按时作息，合理安排复习时间。"
            + "考试期间学校食堂正常开放，校车时刻表不变。如有疑问，请与班主任联系。",
        "我每天坐公交车上班，单程大约四十分钟。车上我一般会听播客或者看一会儿书，最近在读一本关于城市历史的书，"
            + "讲的是老城区的街道怎样一点点变成今天的样子，很有意思。",
        "这款电水壶用了三个月，烧水很快，一升水不到五分钟就开了。外壳不烫手，噪音也不大。"
            + "唯一的缺点是壶嘴有点短，倒水的时候要小心一点，总体来说性价比很高，推荐购买。",
        "图书馆自下周一起调整开放时间：周一至周五上午八点至晚上十点，周末上午九点至下午五点。"
            + "借阅证到期的读者请携带身份证件到一楼服务台办理续期手续。",
    ];
}
