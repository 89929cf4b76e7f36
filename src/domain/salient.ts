/** The kinds of salient statistic a country's figures are filed under (USGS MCS "Salient Statistics" lines). */
export const SALIENT_STATISTICS = ['production', 'imports', 'exports', 'consumption', 'stocks', 'stockpile_shipments'] as const;
