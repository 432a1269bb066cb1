# Reduced from public study scripts (issue 9, second precision pass): labels read
# as a one-column table, then one-hot encoded. Keras drops the trailing axis of 1,
# so the targets are (N, 6) and fit runs; lstmlint once made them 3D.
import io

import numpy as np
import pandas as pd
from tensorflow.keras.layers import Dense
from tensorflow.keras.models import Sequential
from tensorflow.keras.utils import to_categorical

labels = "\n".join(str(i % 6 + 1) for i in range(60))
y = pd.read_csv(io.StringIO(labels), header=None).values
y = to_categorical(y - 1)
model = Sequential([Dense(16, activation="relu", input_shape=(9,)), Dense(6, activation="softmax")])
model.compile(loss="categorical_crossentropy", optimizer="adam")
model.fit(np.random.rand(60, 9), y, epochs=1, verbose=0)
