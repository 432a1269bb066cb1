# Reduced from a public study script (issue 9): tensorflow.python.keras is a frozen
# Keras 2 copy inside TensorFlow, where input_length= / input_dim= are accepted.
import numpy as np
from tensorflow.python.keras.layers import Dense, SimpleRNN
from tensorflow.python.keras.models import Sequential

model = Sequential()
model.add(SimpleRNN(4, input_length=3, input_dim=1))
model.add(Dense(1))
model.compile(loss="mse", optimizer="adam")
