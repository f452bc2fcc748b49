import { DynamoDbLedger } from '#functions/platform/ledger-dynamodb';
import { describeLedgerContract } from '../../contract/ledger-contract';
import { useLedgerTable } from '../../support/dynalite';
import { MemoryLedger } from '../../support/memory-ledger';

const { table } = useLedgerTable();

describeLedgerContract(
  'DynamoDbLedger over dynalite',
  (now) => new DynamoDbLedger({ client: table().client, tableName: table().tableName, now }),
);
describeLedgerContract('MemoryLedger', (now) => new MemoryLedger(now));
