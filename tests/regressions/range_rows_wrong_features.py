# The same data shaping with a real bug: 3 features where input_dim=2 is declared.
import numpy as np
from tensorflow.keras.layers import Dense
from tensorflow.keras.models import Sequential

x = np.array([range(100), range(301, 401), range(201, 301)]).T
y = np.array(range(711, 811))

model = Sequential()
model.add(Dense(5, input_dim=2))
model.add(Dense(1))
model.compile(loss="mse", optimizer="adam")
model.fit(x, y, epochs=1, batch_size=8, verbose=0)
