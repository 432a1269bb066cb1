import tensorflow as tf
import numpy as np

# Incorrectly shaped data (10 samples, 5 features)
incorrect_data = np.random.rand(10, 5)

# Attempting to fit the model with incorrect data will raise a ValueError
model = tf.keras.Sequential([
    tf.keras.layers.LSTM(64, activation='relu', input_shape=(5, 1)),  #Expecting 3D input
    tf.keras.layers.Dense(1)
])

try:
    model.compile(optimizer='adam', loss='mse')
    model.fit(incorrect_data, np.random.rand(10,1), epochs=1)
except ValueError as e:
    print(f"ValueError encountered: {e}")

