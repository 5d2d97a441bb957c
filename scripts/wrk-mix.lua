-- wrk-mix.lua makes wrk send the searches of cmd/loadtest's mix, weighted
-- the same way: words common and rare, a phrase, an exclusion, figure
-- filters, section filters, sort by value, paging, misses. Every one computes
-- the facets and highlights its hits. Used by scripts/load.sh:
--
--	wrk -t1 -c64 -d20s -s scripts/wrk-mix.lua http://127.0.0.1:PORT
local mix = {
	{10, "/api/search?q=%E4%BC%81%E4%B8%9A"},
	{8, "/api/search?q=%E7%A4%BE%E5%8C%BA"},
	{6, "/api/search?q=%E6%9C%8D%E5%8A%A1"},
	{5, "/api/search?q=%E5%8D%8E%E6%BC%95"},
	{5, "/api/search?q=%E5%85%BB%E8%80%81"},
	{4, "/api/search?q=%E8%80%81%E4%BA%BA"},
	{4, "/api/search?q=%E5%9E%83%E5%9C%BE%E5%88%86%E7%B1%BB"},
	{3, "/api/search?q=%E9%B9%BF%E9%B8%A3%E8%8B%91"},
	{3, "/api/search?q=%E6%9E%AB%E6%A1%A5%E7%BB%8F%E9%AA%8C"},
	{3, "/api/search?q=%E5%81%A5%E5%BA%B7%E5%8C%BB%E7%96%97"},
	{3, "/api/search?q=%22%E4%B8%80%E7%BD%91%E9%80%9A%E5%8A%9E%22"},
	{3, "/api/search?q=%E7%94%B5%E6%A2%AF%20-%E7%89%A9%E8%81%94%E7%BD%91"},
	{4, "/api/search?q=%3E1%E4%BA%BF%E5%85%83"},
	{3, "/api/search?q=%E6%8B%9B%E5%95%86%20%3E1000%E4%B8%87%E5%85%83"},
	{3, "/api/search?q=%E2%89%A550%E5%AE%B6"},
	{2, "/api/search?q=1000%E4%B8%87-1%E4%BA%BF"},
	{4, "/api/search?q=&section=huacao-2023:02"},
	{3, "/api/search?q=%E6%9C%8D%E5%8A%A1&section=huacao-2023:05&section=huacao-2023:06"},
	{4, "/api/search?q=%E7%B2%AE%E9%A3%9F%E4%BA%A7%E9%87%8F"},
	{3, "/api/search?q=%E6%96%B0%E8%B4%A8%E7%94%9F%E4%BA%A7%E5%8A%9B&level=provincial"},
	{2, "/api/search?q=%E5%9B%BD%E5%86%85%E7%94%9F%E4%BA%A7%E6%80%BB%E5%80%BC&years=1978-1990"},
	{2, "/api/search?q=%E4%BA%BA%E5%B7%A5%E6%99%BA%E8%83%BD&region=%E5%8C%97%E4%BA%AC%E5%B8%82"},
	{3, "/api/search?kind=money&min=10000000&sort=-value"},
	{2, "/api/search?q=%E4%BC%81%E4%B8%9A&from=10&size=20"},
	{2, "/api/search?q=yue"},
	{2, "/api/search?q=%E4%B8%8D%E5%AD%98%E5%9C%A8%E7%9A%84%E8%AF%8D%E6%B1%87%E7%BB%84%E5%90%88"},
}

local paths = {}
for _, m in ipairs(mix) do
	for _ = 1, m[1] do
		paths[#paths + 1] = m[2]
	end
end

local i = 0
request = function()
	i = i + 1
	return wrk.format("GET", paths[(i % #paths) + 1])
end

done = function(summary, latency, requests)
	local e = summary.errors
	io.write(string.format("searches: %d in %.2fs: %.0f/s; non-2xx: %d; socket errors: connect %d, read %d, write %d, timeout %d\n",
		summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
		e.status, e.connect, e.read, e.write, e.timeout))
	io.write(string.format("latency: p50 %.2fms, p90 %.2fms, p99 %.2fms, max %.2fms\n",
		latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
