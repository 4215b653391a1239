import example from '../../forms/project-monitoring/examples/valid-rural-road-maintenance.json';

// biome-ignore lint/suspicious/noExplicitAny: test data of any shape
type Data = Record<string, any>;

/**
 * A project monitoring report's data as the unit would fill it: what the approved target copied in (`linked`: the
 * goal, the indicators and the budget, locked) completed with the worked example's own figures, its computed lights
 * left out for the form to compute again; `fill` changes it last (a 监控类型, a cutoff month, other figures).
 */
export function monitoringReportData(linked: Data, fill: (d: Data) => void = () => {}): Data {
  const mine = structuredClone(example.data) as Data;
  const data: Data = {
    ...mine,
    ...linked,
    funds: Object.fromEntries(
      ['currentAppropriation', 'carryOver', 'other'].map((k) => [k, { ...mine.funds[k], ...linked.funds[k] }]),
    ),
    goal: { ...mine.goal, annualGoal: linked.goal.annualGoal },
    indicators: linked.indicators.map((row: Data) => ({
      ...mine.indicators.find((r: Data) => r.indicatorId === row.indicatorId),
      ...row,
    })),
  };
  for (const key of ['timeProgress', 'executionToTimeIndex', 'executionGap', 'fundsLight']) delete data[key];
  fill(data);
  return data;
}
