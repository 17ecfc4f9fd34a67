/**
 * Pure hot-spot engine: grid counts, Getis-Ord Gi*, exact conditional inference, Benjamini–Hochberg
 * FDR over the testable tests, kernel density.
 */
export { erfc, normalCdf, twoSidedP } from './normal';
export type { BBox, PointIndex } from './spatial-index';
export { buildPointIndex, kthNearestDistance, nearestDistinctDistance } from './spatial-index';
export type { GiStarResult } from './gi-star';
export { giStar, giStarLattice, latticeStencil } from './gi-star';
export { CONFIDENCE_LEVELS, benjaminiHochberg, classify } from './fdr';
export type { BinomialTails } from './binomial';
export { binomialPmf, binomialTails } from './binomial';
export { discCount, discSum } from './disc-sums';
export type { FamilyAdjusted } from './testability';
export { COLD_TEST, HOT_TEST, adjustFamily, minimumExpectedForCold, testableSides } from './testability';
export type { ExactInferenceMethod, LatticeInference, LatticeInferenceInput } from './inference';
export { exactLatticeInference } from './inference';
export type { CellCounts, Grid, GridCounts, GridCountsOptions, InsideFn } from './grid';
export {
  MAX_CELL_SIZE,
  MAX_GRID_CELLS,
  MIN_CELL_SIZE,
  cellBounds,
  cellCoverage,
  cellCentre,
  cellIndexAt,
  countPoints,
  gridCounts,
  makeGrid,
  studyAreaMask,
  validateCellSize,
} from './grid';
export type { DefaultCellSize, NearestNeighbourSummary } from './defaults';
export {
  MAX_BAND_CELLS,
  MAX_DEFAULT_CELLS,
  MIN_BAND_CELLS,
  NICE_CELL_SIZES,
  defaultBand,
  defaultCellSize,
  medianNearestNeighbourDistance,
  roundCellSize,
} from './defaults';
export { quarticDensity } from './density';
export type { HotspotOptions, HotspotResult } from './pipeline';
export { MIN_CELLS, MIN_POINTS, insufficientData, runHotspotAnalysis } from './pipeline';
export type { ParsedCellId } from './cells';
export { assignCells, cellId, parseCellId } from './cells';
export type { DayFilter, FilteredPoints, LightFilter, PointColumns, PointFilter } from './filter';
export { AREA_ONLY, POLICE_ONLY, UNKNOWN_BAND, allocatePointColumns, filterPoints } from './filter';
export type { MetricPolygon, PolygonSet } from './polygon-index';
export { polygonSet } from './polygon-index';
export type { ChangeFamily, ChangeTests, NeighbourhoodComparison, NeighbourhoodComparisonInput } from './compare';
export { binomialTestTwoSided, compareNeighbourhoods } from './compare';
export type { DistinctLocations, LocationalOutliers } from './locations';
export { distinctLocations, locationalOutliers } from './locations';
export type { IsaSeries, LatticeValues, MoranResult } from './moran';
export { incrementalSpatialAutocorrelation, isaDistances, moranI, zPeaks } from './moran';
export type { BandChoice, CellSizeChoice, ChosenScale, OutlierChoice, ScaleChoices, ScaleOptions } from './scale';
export { MIN_MEAN_COUNT, cellSizeForBand, chooseScale } from './scale';
export type { HotspotLegend, LegendLocale, LegendParams } from './legend';
export { hotspotLegend } from './legend';
export type { AnalyseOptions, AnalysisMeta, HotspotAnalysis, HotspotMeasure, StudyAreaNarrowing } from './analyse';
export type { PopulationGrid, PopulationLookup } from './population';
export { populatedInside, populationExposure, populationLookup } from './population';
export { analyseHotspots } from './analyse';
export type { PlaceLabels } from './places';
export { labelPlaces } from './places';
