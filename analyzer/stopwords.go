package analyzer

import "strings"

// stopWords are the function and question words of Chinese that never
// decide whether a passage answers a query: particles (的, 了, 吗),
// conjunctions and prepositions (和, 与, 在, 对), pronouns, question words
// (多少, 哪些, 如何, 是否, 有没有) and words a question is framed with
// (情况, 怎么样, 今年). They are general Chinese, from the usual stop lists
// of Chinese retrieval (function words and interrogatives), not words of
// any one report.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		的 地 得 之 了 着 过 吗 呢 吧 啊 呀 么 嘛 哦
		和 与 及 或 跟 同 并 而 且 以及 并且 或者 还是 还有
		是 为 在 于 有 把 被 对 从 向 给 让 由 将 就 都 也 还 又 再 才 很 最 更 已 已经
		这 那 这个 那个 这些 那些 其 它 他 她 我 你 您 我们 你们 他们 咱们 大家
		什么 啥 谁 哪 哪个 哪些 哪里 哪儿 几 多少 多大 多久 多长 多高
		怎么 怎样 怎么样 如何 为什么 为何 是否 是不是 有没有 有无 能否 能不能 可否
		情况 一下 请问 到底 究竟 具体 相关 有关 关于 方面
		今年 去年 目前 现在 当前`) {
		m[w] = true
	}
	return m
}()

// IsStopWord reports whether term (as the query analyzer makes it) is a
// function or question word: one that must not decide what a query
// matches. Words beginning with 几 or 多少 (几所, 几个, 多少钱) count as
// question words.
func IsStopWord(term string) bool {
	return stopWords[term] || strings.HasPrefix(term, "几") || strings.HasPrefix(term, "多少")
}
