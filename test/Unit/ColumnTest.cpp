#include "Column.h"

#include <gtest/gtest.h>

using namespace ndprt;

TEST(Column, GrowsGeometricallyAndKeepsValues) {
  Column c("v", "f32", 1);
  c.resize(3);
  for (int i = 0; i < 3; ++i) c.set(i, 0, i + 0.5);
  const void *before = c.data();
  int64_t cap = c.capacity();
  c.resize(cap);  // within capacity: no move
  EXPECT_EQ(c.data(), before);
  c.resize(cap + 1);
  EXPECT_GE(c.capacity(), 2 * cap);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(c.get(i), i + 0.5);
  EXPECT_EQ(c.get(cap), 0.0);  // new elements are zero
  EXPECT_EQ(reinterpret_cast<uintptr_t>(c.data()) % 64, 0u);
}

TEST(Column, VectorLanesAndTypes) {
  Column v("emb", "f32", 4);
  v.resize(2);
  v.set(1, 3, 7.0);
  EXPECT_EQ(v.as<float>()[1 * 4 + 3], 7.0f);
  ndp_view view = v.view(2);
  EXPECT_EQ(view.size, 8);
  Column b("spiked", "bool", 1);
  b.resize(1);
  b.set(0, 0, 2.5);
  EXPECT_EQ(b.get(0), 1.0);
  Column i("n", "i32", 1);
  i.resize(1);
  i.set(0, 0, -3.9);
  EXPECT_EQ(i.get(0), -3.0);
}

TEST(Column, ShrinkingKeepsCapacityAndRegrowingZeroes) {
  Column c("v", "f64", 1);
  c.resize(10);
  c.set(9, 0, 1.0);
  c.resize(5);
  c.resize(10);
  EXPECT_EQ(c.get(9), 0.0);
}
