/**
 * The small admin-authored chain the admin tests build (第二十一条 监控: 业务股室 审核 → 绩效评价服务股 汇总),
 * so every test starts from the same definition and changes only what it is about.
 */
export function monitoringChain(
  id: string,
  title: string,
  options: { dueInWorkingDays: number; perfActions: string[] },
) {
  return {
    id,
    title,
    steps: [
      {
        id: 'bizReview',
        name: '业务股室审核',
        basis: '第二十一条',
        assignee: { type: 'managingSection' },
        actions: ['approve', 'return'],
        dueInWorkingDays: options.dueInWorkingDays,
      },
      {
        id: 'perfSummary',
        name: '绩效评价服务股汇总',
        basis: '第二十一条',
        assignee: { type: 'unit', unitId: 'jxpj' },
        actions: options.perfActions,
      },
    ],
  };
}
