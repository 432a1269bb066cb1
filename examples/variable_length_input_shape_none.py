"""GRU model declared with input_shape=(None, n_features): any number of time steps.
Correct: the same model trains on 12-step windows and predicts on 30-step windows.
"""
from tensorflow.keras.layers import GRU, Dense, BatchNormalization
from tensorflow.keras.models import Sequential
import numpy as np

N_FEATURES = 4

X_train = np.random.normal(0.0, 1.0, size=(32, 12, N_FEATURES))
y_train = np.random.normal(0.0, 1.0, size=(32, 1))
X_long = np.random.normal(0.0, 1.0, size=(4, 30, N_FEATURES))

model = Sequential([
    GRU(16, input_shape=(None, N_FEATURES)),
    BatchNormalization(),
    Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(X_train, y_train, epochs=1, batch_size=8, verbose=0)
print(model.predict(X_long, verbose=0).shape)
