namespace Qinglang.Similarity.Spin.Bench;

/// <summary>
/// Spinner substitutions the built-in table does NOT contain (canonical → variant), written by the project in the
/// style of 伪原创 tools: the harness spins with these too, so recall is measured against substitutions the
/// canonicalizer cannot map back. Pairs whose words are members of the built-in table are dropped at start-up.
/// </summary>
internal static class HeldOutSubstitutions
{
    private const string Table = """
        认为 以为|显示 显现|希望 但愿|成功 胜利|准备 预备|原因 缘故原由|父母 怙恃|朋友 伴侣|城市 都会|困难 坚苦
        开始 起头|结束 竣事|继续 持续|全部 全数|许多 良多|生活 糊口|讨论 会商|参加 加入|减少 削减|保持 连结
        控制 节制|相信 信赖|现在 此刻|最近 比来|大家 各人|自己 本身|孩子 孩童|具体 详细|比如 好比|例如 比方
        因此 是以|而且 并且|计划 规划|过程 历程|严格 严酷|丰富 丰硕|重视 注重|出现 呈现|比赛 角逐|游客 旅客
        季节 时节|增长 增添|提高 进步|速度 速率|清晰 清楚|照片 相片|学校 黉舍|教师 西席|习惯 风俗|医生 大夫
        预防 防止|佩戴 佩带|新鲜 新颖|恢复 规复|扩大 扩展|降低 低落|成本 本钱|举办 举行|居民 住民|享受 享用
        消费 花费|注意 留意|关键 要害|时期 期间|做好 搞好|欢迎 接待|担心 担忧|对手 敌手|反击 还击|调整 调解
        进攻 打击|冲击 攻击|年轻 年青|努力 尽力|决定 决议|营养 养分|适合 合适|味道 滋味|均匀 平均|尝试 测验考试
        口味 口胃|旅游 游览|酒店 旅店|预订 预定|热门 热点|变化 转变|喜欢 喜好|越来越 愈来愈|愿意 情愿|感受 感触感染
        节奏 节拍|提前 提早|了解 相识|高峰 岑岭|爱护 爱惜|设施 举措措施|作业 功课|阅读 浏览|课堂 讲堂|设计 设想
        练习 操练|抵抗力 抵当力|感染 传染|场所 场合|充足 充沛|适当 恰当|正规 正轨|条件 前提|离开 分开|专家 专门家
        """;

    /// <summary>The held-out pairs, minus any whose words the built-in table already knows.</summary>
    public static IReadOnlyList<(string Canonical, string Variant)> Pairs(SpinCanonicalizer builtIn)
    {
        var pairs = new List<(string, string)>();
        foreach (var entry in Table.Split(['|', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = entry.Split(' ');
            if (builtIn.CanonicalFormOf(words[0]) is null && builtIn.CanonicalFormOf(words[1]) is null)
            {
                pairs.Add((words[0], words[1]));
            }
        }

        return pairs;
    }
}
