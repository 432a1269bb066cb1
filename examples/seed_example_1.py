import tensorflow as tf
import numpy as np

# Sample time series data (10 samples, 5 time steps, 1 feature)
data = np.random.rand(10, 5, 1)

# Define the LSTM model
model = tf.keras.Sequential([
    tf.keras.layers.LSTM(64, activation='relu', input_shape=(5, 1)),
    tf.keras.layers.Dense(1)
])

# Compile and train the model (simplified for demonstration)
model.compile(optimizer='adam', loss='mse')
model.fit(data, np.random.rand(10,1), epochs=1)

