# Reduced from a public study script (issue 9): rows built from range() objects.
# np.array([range(...), ...]) is (3, 100); .T makes it (100, 3). Keras runs it.
import numpy as np
from sklearn.model_selection import train_test_split
from tensorflow.keras.layers import Dense
from tensorflow.keras.models import Sequential

x = np.array([range(100), range(301, 401), range(201, 301)]).T
y = np.array([range(711, 811), range(1, 101)]).T
x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2, shuffle=False)

model = Sequential()
model.add(Dense(5, input_dim=3))
model.add(Dense(2))
model.compile(loss="mse", optimizer="adam")
model.fit(x_train, y_train, epochs=1, batch_size=8, verbose=0)
model.evaluate(x_test, y_test, verbose=0)
