# Reduced from a public book's code (issue 9 precision pass): a two-input model
# given a list with one array per input. Keras runs it; lstmlint once read the
# list as one array of 2 samples.
import numpy as np
from tensorflow.keras import Input, layers
from tensorflow.keras.models import Model

left, right = Input(shape=(8,)), Input(shape=(8,))
shared = layers.Dense(4)
merged = layers.concatenate([shared(left), shared(right)], axis=-1)
model = Model([left, right], layers.Dense(1, activation="sigmoid")(merged))
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit([np.random.rand(32, 8), np.random.rand(32, 8)], np.random.randint(0, 2, (32, 1)), epochs=1, verbose=0)
