# Reduced from a public course's starter code (issue 9 precision pass 4): labels
# appended in a loop over the rows, then sliced like the rows. Keras runs it;
# lstmlint once sliced the loop-filled list as if its one stand-in item were
# its only item, took `labels[100:]` as empty and reported x/y sample counts.
import numpy as np
import tensorflow as tf

rows = np.random.random((120, 3))
labels = []
for row in rows:
    labels.append(row.sum())
x_test = rows[100:]
y_test = np.array(labels[100:])
first = labels[0] + 1.0
both = labels[:50] + labels[50:]
model = tf.keras.Sequential([tf.keras.layers.Input((3,)), tf.keras.layers.Dense(1)])
model.compile(loss="mse", optimizer="adam")
model.evaluate(x_test, y_test, verbose=0)
model.evaluate(rows, np.array(both), verbose=0)
