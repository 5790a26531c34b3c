import { describeJobFunction } from '../job-function.testing';
import { handler } from './handler';

describeJobFunction('exportTable', handler);
