package server

import (
	"fmt"
	"net/http"
	"strings"

	"reportsearch/index"
)

// Words the reader understands: the pages explain a refused request in
// Chinese and say what to do, from the parameter at fault and the reason
// (Error.Param, Error.Reason, which the index's QueryError gives as Param and
// Message). The JSON API keeps the English message and adds this text as
// "hint".

// readerMessage is the Chinese explanation of e for a page, saying what to do.
func readerMessage(e *Error) string {
	switch e.Status {
	case http.StatusBadRequest:
		return badRequestMessage(e.Param, e.Reason)
	case http.StatusNotFound:
		return "您要找的页面或条目不存在。请检查链接，或回到首页重新搜索。"
	case http.StatusMethodNotAllowed:
		return "此页面只支持 GET 请求。请直接打开链接。"
	case http.StatusRequestEntityTooLarge:
		return "请求太长，请缩短搜索词或减少筛选条件。"
	case http.StatusServiceUnavailable:
		return "搜索用时过长，请减少搜索词或筛选条件后再试。"
	}
	return "服务器内部错误，请稍后再试。"
}

// badRequestMessage explains a refused parameter.
func badRequestMessage(param, reason string) string {
	has := func(s ...string) bool {
		for _, x := range s {
			if strings.Contains(reason, x) {
				return true
			}
		}
		return false
	}
	switch param {
	case "q":
		switch {
		case has("nothing to search for"):
			return "搜索词里没有可以查找的文字，只有符号、引号或减号。请输入要找的词，例如“养老”，或数值条件，例如“>1亿元”。"
		case has("UTF-8", "control characters"):
			return "搜索词含有无法识别的字符。请重新输入。"
		case has("too many terms"):
			return fmt.Sprintf("搜索词太多（最多 %d 个）。请删去一些词后再试。", index.MaxTerms)
		case has("too long", "characters"):
			return fmt.Sprintf("搜索词太长（最多 %d 个字）。请缩短后再试。", index.MaxQueryRunes)
		case has("mixes units"):
			return "数值范围两端的单位不是同一类（例如一端是元、一端是家）。请让两端使用同一类单位，例如“1000万-1亿元”。"
		case has("low end above"):
			return "数值范围的下限大于上限。请把较小的数写在前面，例如“1000万-1亿元”。"
		case has("given"):
			return "链接里有不止一个搜索词。请在搜索框中重新输入。"
		}
		return "无法理解这个搜索词。请换一种写法，或去掉其中的特殊符号后再试。"
	case "section":
		return "链接里的章节不存在。请从“章节”列表中选择。"
	case "kind":
		return "链接里的数据类别不存在。请从“数据类别”列表中选择。"
	case "money":
		if has("not both") {
			return "金额范围不能与最小值、最大值同时使用。请只保留其中一种。"
		}
		return "链接里的金额范围不存在。请从“金额范围”列表中选择。"
	case "report":
		return "链接里的报告不存在。请回到首页重新搜索。"
	case "page":
		return fmt.Sprintf("页码有误：页码须是 1 到 %d 之间的整数。请从第 1 页开始浏览。", index.MaxFrom/pageSize)
	case "sort", "dir":
		return "排序方式有误。请点击表头或结果上方的排序链接。"
	case "min", "max":
		return "数值条件有误：最小值和最大值须是数字，且最小值不大于最大值。请修改后再试。"
	case "from", "size":
		return "分页参数有误。请使用页面上的翻页链接。"
	case "format":
		return "下载格式有误：只提供 JSON 和 CSV。请从页面上的下载链接获取。"
	case "id":
		return "条目编号有误。请检查链接，或回到首页重新搜索。"
	case "level":
		return "报告级别有误：只有乡镇（town）、省级（provincial）和全国（national）。请从“级别”列表中选择。"
	case "region":
		return "地区名称有误。请从“地区”列表中选择。"
	case "year":
		return "年份有误：请写一个年份（如 2024）或一个范围（如 2018-2024），前一年不大于后一年。"
	case "label":
		return "请写出要对比的指标，例如“粮食产量”或“国内生产总值增长”（最多 40 个字），不要只写“增长”。"
	case "change":
		return "“数值或变化”有误。请从列表中选择。"
	case "bullet", "figure":
		return "链接里的条目或数据不存在，或这项数据说不清它衡量什么。请在“指标”中写出要对比的指标。"
	case "by":
		return "排列方式有误：只能按年份或按地区。请从“排列”列表中选择。"
	case "":
		return "链接有误，无法读取其中的参数。请回到首页重新搜索。"
	}
	return fmt.Sprintf("链接里有无法识别的参数“%s”。请去掉它，或回到首页重新搜索。", param)
}
