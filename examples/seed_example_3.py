import tensorflow as tf
import numpy as np

# Correctly shaped data, but mismatch with LSTM units
data = np.random.rand(10, 5, 3) # 3 features

# Incorrect units parameter will lead to error
model = tf.keras.Sequential([
    tf.keras.layers.LSTM(64, activation='relu', input_shape=(5, 1)), #Expecting 1 feature
    tf.keras.layers.Dense(1)
])

try:
    model.compile(optimizer='adam', loss='mse')
    model.fit(data, np.random.rand(10,1), epochs=1)
except ValueError as e:
    print(f"ValueError encountered: {e}")
