import { campaignsMatrix } from './campaigns.matrix';
import { casesMatrix } from './cases.matrix';
import { dnaMatrix } from './dna.matrix';
import { foundationMatrix } from './foundation.matrix';
import { reportsMatrix } from './reports.matrix';
import { rescuesMatrix } from './rescues.matrix';
import { reunionsMatrix } from './reunions.matrix';
import type { FeatureMatrix } from './route-matrix';
import { sightingsMatrix } from './sightings.matrix';

/** Every feature's part of the role × route matrix. A feature adds one line. */
export const FEATURE_MATRICES: FeatureMatrix[] = [foundationMatrix, casesMatrix, dnaMatrix, sightingsMatrix, campaignsMatrix, reunionsMatrix, rescuesMatrix, reportsMatrix];
