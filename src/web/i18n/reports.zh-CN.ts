/** Simplified Chinese strings of the periodic reports (考核通报). */
export const reportsZhCN = {
  reports: {
    title: '考核通报',
    noPermission: '考核通报供本地区效能监察人员和系统管理员查阅。',
    intro:
      '平台每天凌晨自动生成前一天的统计、上一周的调度和上个月的通报（PDF 附图表，Excel 附指标定义）；也可以随时生成最近一个已结束统计期的报告。',
    back: '← 返回效能监督看板',
    ask: '生成报告',
    kind: '报告类型',
    askButton: '生成最近一期',
    asked: '已提交生成，稍候即可下载',
    list: '报告列表',
    pending: '正在生成',
    failed: '生成失败，请重新生成',
    kinds: { daily: '日统计', weekly: '周调度', monthly: '月度通报' },
    columns: { kind: '类型', period: '统计期', scope: '范围', files: '下载' },
  },
};
