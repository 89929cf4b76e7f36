/**
 * Each importer refuses its whole input, naming `file:line`, on anything it cannot map. Every case is a fixture: a
 * file of the repository with one cell edited the way a future edition or a slip could change it.
 */
import { describe, expect, it } from 'vitest';
import { curated } from '../../src/importers/curated/index.js';
import { euCrm2023 } from '../../src/importers/eu-crm-2023/index.js';
import { exportControls } from '../../src/importers/export-controls/index.js';
import { groupMembers } from '../../src/importers/groups/index.js';
import { iea } from '../../src/importers/iea/index.js';
import { IMPORTERS, renderTable, runImporters } from '../../src/importers/pipeline.js';
import { ImportError } from '../../src/importers/shared/errors.js';
import type { Importer } from '../../src/importers/shared/importer.js';
import { usgsMcsHistory } from '../../src/importers/usgs-mcs-history/index.js';
import { wgi } from '../../src/importers/wgi/index.js';
import { catalogueTable } from '../../src/db/catalogue.js';
import { edited, inputBefore, lineOf } from './pipeline-helpers.js';

const REF = 'data/curated/reference';

async function refusal(importer: Importer, fixtures: Record<string, string>): Promise<ImportError> {
  const input = await inputBefore(importer, IMPORTERS, fixtures);
  try {
    await importer.run(input);
  } catch (caught) {
    if (caught instanceof ImportError) return caught;
    throw caught;
  }
  throw new Error(`${importer.name} accepted the fixture`);
}

interface Case {
  name: string;
  importer: Importer;
  file: string;
  find: string | RegExp;
  replace: string;
  /** The text of the line the refusal names (null: the refusal names the file only). */
  line: string | null;
  message: RegExp;
}

const CASES: Case[] = [
  {
    name: 'curated: a header that is not the table’s',
    importer: curated,
    file: 'data/curated/minerals.csv',
    find: 'id,name,symbol,description',
    replace: 'id,name,description,symbol',
    line: 'id,name,description,symbol',
    message: /header 'id,name,description,symbol' is not 'id,name,symbol,description'/,
  },
  {
    name: 'curated: a defense use whose evidence names no reference text',
    importer: curated,
    file: 'data/curated/defense_uses.csv',
    find: 'global-times-2022-06-16,seed,armor-piercing bullets\n',
    replace: 'global-times-2022-06-16,press,armor-piercing bullets\n',
    line: 'antimony-munitions-seed,',
    message: /evidence_in 'press' is neither 'seed'/,
  },
  {
    name: 'usgs-mcs-history: a citation it cannot map',
    importer: usgsMcsHistory,
    file: `${REF}/production_all_vintages.csv`,
    find: 'USGS MCS 2023 [mcs2023-antim_world.csv @ Redliana/cmm-data],2023',
    replace: 'USGS MCS 2023 [mcs2023-antim_word.csv @ Redliana/cmm-data],2023',
    line: 'mcs2023-antim_word.csv',
    message: /cannot read the MCS chapter from 'mcs2023-antim_word.csv'/,
  },
  {
    name: 'usgs-mcs-history: a country data/countries.csv does not hold',
    importer: usgsMcsHistory,
    file: `${REF}/reserves.csv`,
    find: 'antimony,China,CHN,670000',
    replace: 'antimony,China,CHX,670000',
    line: 'antimony,China,CHX',
    message: /country 'CHX' is not in data\/countries.csv/,
  },
  {
    name: 'usgs-mcs-history: an import-reliance value it cannot read',
    importer: usgsMcsHistory,
    file: `${REF}/us_import_reliance_all_vintages.csv`,
    find: 'antimony,2018,84,',
    replace: 'antimony,2018,about 84,',
    line: 'antimony,2018,about 84,',
    message: /unknown value 'about 84'/,
  },
  {
    name: 'iea: a GCMO row that is neither historical nor a projection',
    importer: iea,
    file: `${REF}/iea_gcmo2026_supply.csv`,
    find: /(lithium,refining,[^\n]*?),historical,/,
    replace: '$1,estimate,',
    line: ',estimate,',
    message: /kind 'estimate' is neither 'historical' nor 'projection \(base case\)'/,
  },
  {
    name: 'iea: a refining basis text that changed',
    importer: iea,
    file: `${REF}/iea_gcmo2026_supply.csv`,
    find: '"chemicals, contained Li (kt)"',
    replace: '"chemicals, LCE (kt)"',
    line: '"chemicals, LCE (kt)"',
    message: /basis 'chemicals, LCE \(kt\)' is not the expected 'chemicals, contained Li \(kt\)' for lithium/,
  },
  {
    name: 'eu-crm-2023: a share it cannot read',
    importer: euCrm2023,
    file: `${REF}/eu_crm2023_global_supply_shares_t.csv`,
    find: 'Antimony,E,Australia,2.2%,1.0',
    replace: 'Antimony,E,Australia,2.2 per cent,1.0',
    line: 'Antimony,E,Australia,2.2 per cent',
    message: /unreadable share '2.2 per cent'/,
  },
  {
    name: 'eu-crm-2023: a country data/countries.csv does not hold',
    importer: euCrm2023,
    file: `${REF}/eu_crm2023_global_supply_shares_t.csv`,
    find: 'Antimony,E,Australia,2.2%,1.0',
    replace: 'Antimony,E,Atlantis,2.2%,1.0',
    line: 'Antimony,E,Atlantis',
    message: /country 'Atlantis' is not in data\/countries.csv/,
  },
  {
    name: 'groups: a group label it does not know',
    importer: groupMembers,
    file: `${REF}/groups.csv`,
    find: 'MSP (partner),Australia,AUS',
    replace: 'MSP (observer),Australia,AUS',
    line: 'MSP (observer),Australia,AUS',
    message: /unknown group 'MSP \(observer\)'/,
  },
  {
    name: 'wgi: an estimate that is not a number',
    importer: wgi,
    file: `${REF}/wgi.csv`,
    find: 'Argentina,ARG,2021,VA.EST,0.6117,',
    replace: 'Argentina,ARG,2021,VA.EST,n/a,',
    line: 'Argentina,ARG,2021,VA.EST,n/a',
    message: /value 'n\/a' is not a number/,
  },
  {
    name: 'export-controls: a measure without our wording',
    importer: exportControls,
    file: 'data/curated/export_controls.csv',
    find: /\ncn-mofcom-2023-23-ga-ge,[^\n]*/,
    replace: '',
    line: null,
    message: /measure 'cn-mofcom-2023-23-ga-ge' has no row in data\/curated\/export_controls.csv/,
  },
  {
    name: 'export-controls: a measure type it does not know',
    importer: exportControls,
    file: `${REF}/export_controls.csv`,
    find: 'licence_requirement,ALL,gallium;germanium',
    replace: 'licence_regime,ALL,gallium;germanium',
    line: 'licence_regime,ALL,gallium;germanium',
    message: /cn-mofcom-2023-23-ga-ge: unknown measure 'licence_regime'/,
  },
];

describe('importer refusals (file:line)', () => {
  for (const testCase of CASES) {
    it(testCase.name, async () => {
      const fixtures = edited(testCase.file, testCase.find, testCase.replace);
      const error = await refusal(testCase.importer, fixtures);
      expect(error.message).toMatch(testCase.message);
      const reported =
        testCase.line === null
          ? null
          : fixtures[testCase.file]!.slice(0, fixtures[testCase.file]!.indexOf(testCase.line)).split('\n').length;
      expect(error.file).toBe(
        testCase.line === null && testCase.importer === exportControls ? `${REF}/export_controls.csv` : testCase.file,
      );
      if (reported !== null) expect(error.line).toBe(reported);
    });
  }

  it('pipeline: two importers giving one key', async () => {
    const tables = await runImporters((await inputBefore(curated, IMPORTERS)).read, [curated]);
    const minerals = tables.get('minerals.csv')!;
    expect(() => renderTable(catalogueTable('minerals.csv'), [...minerals, minerals[0]!])).toThrow(
      /data\/minerals.csv: duplicate key antimony/,
    );
  });

  it('pipeline: an importer writing a table it does not declare', async () => {
    const rogue: Importer = { name: 'rogue', inputs: [], outputs: [], run: () => ({ 'stages.csv': [] }) };
    await expect(runImporters((await inputBefore(curated, IMPORTERS)).read, [rogue])).rejects.toThrow(
      /rogue: writes stages.csv, which it does not declare/,
    );
  });

  it('lineOf finds the fixture lines in the committed files', () => {
    expect(lineOf('data/curated/defense_uses.csv', 'antimony-munitions-seed,')).toBe(9);
  });
});
